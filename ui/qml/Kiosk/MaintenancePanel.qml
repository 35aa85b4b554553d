import QtQuick
import QtQuick.Layouts
import Kiosk

// Maintenance mode, for field technicians: a one-time code from the hub (or the day's offline
// code), then one row per peripheral with one big 开始测试, the verdict in plain words and the
// technical detail. While it is open the kiosk says "设备维护中" to residents.
Rectangle {
    id: root
    objectName: "maintenancePanel"
    color: maintenance.step === "menu" ? Theme.background : "#cc000000"
    MouseArea { anchors.fill: parent }  // taps stop here, not on the screen below

    function deviceTitle(name) {
        switch (name) {
        case "printer": return qsTr("凭条打印机")
        case "card": return qsTr("社保卡读卡器")
        case "idreader": return qsTr("身份证阅读器")
        case "fingerprint": return qsTr("指纹仪")
        case "camera": return qsTr("摄像头")
        case "document_camera": return qsTr("高拍仪")
        case "hub": return qsTr("网络和中心")
        case "voice": return qsTr("语音提示")
        default: return name
        }
    }
    function verdictText(verdict) {
        switch (verdict) {
        case "ok": return qsTr("正常")
        case "warn": return qsTr("注意")
        case "fail": return qsTr("故障")
        case "skip": return qsTr("未配置")
        default: return ""
        }
    }
    function verdictColor(verdict) {
        return verdict === "ok" ? Theme.shared : verdict === "fail" ? Theme.accent : Theme.textMuted
    }

    // -- the code ------------------------------------------------------------------------------
    Rectangle {
        visible: maintenance.step === "code"
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.gap * 4, Theme.sx(900))
        height: codeColumn.implicitHeight + Theme.gap * 3
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.line

        ColumnLayout {
            id: codeColumn
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 3
            spacing: Theme.gap
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                text: qsTr("技术人员维护：请输入维护码")
            }
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                text: qsTr("中心发的一次性维护码；连不上中心时，用当日离线码")
            }
            Text {
                objectName: "maintenanceProblem"
                Layout.fillWidth: true
                visible: text !== ""
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.accent
                text: maintenance.problem
            }
            BusyIndicatorDots {
                Layout.alignment: Qt.AlignHCenter
                visible: maintenance.busy === "sign_in"
            }
            PinPad {
                id: pad
                objectName: "maintenancePinPad"
                Layout.fillWidth: true
                visible: maintenance.busy === ""
                secret: true
                minLength: 8
                onDone: function(value) { maintenance.enterCode(value); clear() }
            }
            BigButton {
                objectName: "maintenanceCancel"
                Layout.fillWidth: true
                fontSize: Theme.fontBody
                text: qsTr("取消")
                onClicked: { pad.clear(); maintenance.cancel() }
            }
        }
    }

    // -- the tests -----------------------------------------------------------------------------
    ColumnLayout {
        visible: maintenance.step === "menu"
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                Layout.fillWidth: true
                Layout.preferredWidth: 1  // takes what the buttons leave, and wraps in it
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                text: qsTr("设备维护中 · 设备测试")
            }
            BigButton {
                objectName: "maintenanceCalibrate"
                Layout.preferredWidth: Theme.sx(320)
                fontSize: Theme.fontBody
                enabled: maintenance.busy === ""
                text: qsTr("摄像头校准")
                onClicked: calibration.open = true
            }
            BigButton {
                objectName: "maintenanceExport"
                Layout.preferredWidth: Theme.sx(320)
                fontSize: Theme.fontBody
                enabled: maintenance.busy === ""
                text: maintenance.busy === "export" ? qsTr("正在导出…") : qsTr("导出诊断包")
                onClicked: maintenance.exportBundle()
            }
            BigButton {
                objectName: "maintenanceSignOut"
                Layout.preferredWidth: Theme.sx(260)
                fontSize: Theme.fontBody
                primary: true
                text: qsTr("退出维护")
                onClicked: maintenance.signOut()
            }
        }
        Text {
            Layout.fillWidth: true
            visible: maintenance.exported !== ""
            wrapMode: Text.WrapAnywhere
            font.pixelSize: Theme.fontSmall
            color: Theme.shared
            text: qsTr("诊断包已导出（不含居民个人信息）：%1").arg(maintenance.exported)
        }

        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.px(12)
            model: maintenance.devices
            delegate: Rectangle {
                required property var modelData
                width: ListView.view.width
                height: Math.max(row.implicitHeight, Theme.target) + Theme.px(24)
                radius: Theme.radius
                color: Theme.surface
                border.width: Theme.border
                border.color: modelData.verdict === "fail" ? Theme.accent : Theme.line

                RowLayout {
                    id: row
                    anchors.fill: parent
                    anchors.margins: Theme.px(12)
                    spacing: Theme.gap
                    Text {
                        Layout.preferredWidth: Theme.sx(300)
                        Layout.maximumWidth: Theme.sx(300)
                        wrapMode: Text.WordWrap
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.text
                        text: root.deviceTitle(modelData.name)
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: Theme.px(4)
                        Text {
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: root.verdictColor(modelData.verdict)
                            text: maintenance.busy === modelData.name ? qsTr("正在测试…")
                                : modelData.verdict === "" ? qsTr("还没有测试")
                                : root.verdictText(modelData.verdict) + "：" + modelData.words
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: modelData.detail !== ""
                            wrapMode: Text.WrapAnywhere
                            maximumLineCount: 2
                            elide: Text.ElideRight
                            font.pixelSize: Theme.fontSmall
                            font.family: "monospace"
                            color: Theme.textMuted
                            text: modelData.detail
                        }
                    }
                    BigButton {
                        objectName: "maintenanceTest_" + modelData.name
                        Layout.preferredWidth: Theme.sx(280)
                        fontSize: Theme.fontBody
                        primary: true
                        enabled: maintenance.busy === ""
                        text: qsTr("开始测试")
                        onClicked: maintenance.test(modelData.name)
                    }
                }
            }
        }
    }

    CameraCalibration {
        id: calibration
        property bool open: false
        anchors.fill: parent
        visible: open && maintenance.step === "menu"
        onDone: open = false
        Connections {
            target: maintenance
            function onChanged() { if (maintenance.step !== "menu") calibration.open = false }
        }
    }
}
