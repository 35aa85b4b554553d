import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 一次告知: the simplified guide's eight elements (§5.3.1) and a QR code to the full
// guide (§5.3.2). Materials that data sharing provides are marked: nobody brings them.
Rectangle {
    id: root
    readonly property bool portrait: height > width
    color: Theme.background
    readonly property var n: JSON.parse(kiosk.noticeJson)

    // What "读一读" reads: the eight elements, each material with how it is provided.
    readonly property string readText: {
        const parts = [qsTr("办这件事要知道的：%1").arg(n.name || "")]
        if (n.situation) parts.push(qsTr("您的情况：%1").arg(n.situation))
        parts.push(qsTr("办什么") + "：" + (n.name || ""))
        parts.push(qsTr("谁可以办") + "：" + (n.scope || ""))
        parts.push(qsTr("申请材料") + "：")
        const materials = n.materials || []
        for (let i = 0; i < materials.length; ++i) {
            const m = materials[i]
            let line = (i + 1) + "、" + m.name
            if (m.source === "shared") line += "，" + qsTr("部门已有，您不用带")
            else if (m.source === "commitment") line += "，" + qsTr("可用书面承诺代替")
            if (m.original) line += "，" + qsTr("需提供原件")
            parts.push(line)
        }
        parts.push(qsTr("咨询途径") + "：" + (n.consultation || ""))
        parts.push(qsTr("办公地址和时间") + "：" + (n.office || ""))
        parts.push(qsTr("办结时限") + "：" + qsTr("%n 个工作日内办结", "", n.timeLimit || 0))
        parts.push(qsTr("收费标准") + "：" + (n.fee || ""))
        parts.push(qsTr("办好后怎么拿") + "：" + (n.delivery || ""))
        parts.push(qsTr("%n 项材料部门已有，您不用带。", "", n.sharedCount || 0))
        parts.push(qsTr("一次办理 %n 个事项，牵头单位：%1", "", (n.items || []).length)
                   .arg(n.leadUnit || ""))
        return parts.join("。\n")
    }

    function guideText(state) {
        switch (state) {
        case "queued":
        case "printing":
        case "paper_low": return qsTr("正在打印告知单，请稍候……")
        case "done": return qsTr("告知单已打印，请从出纸口取走。")
        case "paper_out": return qsTr("打印纸用完了，请联系工作人员；也可以用手机扫码查看办事指南。")
        case "cover_open": return qsTr("打印机盖没有关好，请联系工作人员。")
        case "no_printer": return qsTr("本机不能打印，请用手机扫码查看办事指南。")
        case "": return ""
        default: return qsTr("打印机暂时不能用，请用手机扫码查看办事指南。")
        }
    }

    // One guide element: label beside its value, or above it in a narrow panel.
    component Element: GridLayout {
        id: element
        property string label
        property string value
        property bool stacked: Theme.elderly
        default property alias extra: extraColumn.data
        Layout.fillWidth: true
        columns: stacked ? 1 : 2
        columnSpacing: Theme.gap
        rowSpacing: Theme.px(6)
        Text {
            Layout.preferredWidth: element.stacked ? -1 : Theme.sx(230)
            Layout.fillWidth: element.stacked
            Layout.alignment: Qt.AlignTop
            wrapMode: Text.WordWrap
            text: element.label
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.primary
        }
        Column {
            id: extraColumn
            Layout.fillWidth: true
            spacing: Theme.px(10)
            Text {
                visible: element.value !== ""
                width: parent.width
                text: element.value
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        // On a portrait screen the way on takes its own row under the title.
        GridLayout {
            Layout.fillWidth: true
            columns: root.portrait ? 2 : 3
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: kiosk.back()
            }
            Column {
                Layout.fillWidth: true
                Text {
                    width: parent.width
                    text: qsTr("办这件事要知道的：%1").arg(root.n.name || "")
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    width: parent.width
                    visible: (root.n.situation || "") !== ""
                    text: qsTr("您的情况：%1").arg(root.n.situation || "")
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
            }
            // The way on: the card is the key to everything else (一证通办).
            BigButton {
                objectName: "startButton"
                Layout.columnSpan: root.portrait ? 2 : 1
                Layout.fillWidth: root.portrait
                visible: !(JSON.parse(kiosk.identityJson).number)
                primary: true
                text: qsTr("刷卡开始办理")
                onClicked: kiosk.identify()
            }
            // Already identified (the card came first, or the resident stepped back here):
            // straight on to the form, which keeps what was filled in.
            BigButton {
                objectName: "applyButton"
                Layout.columnSpan: root.portrait ? 2 : 1
                Layout.fillWidth: root.portrait
                visible: !!(JSON.parse(kiosk.identityJson).number)
                primary: true
                text: kiosk.hasApplication ? qsTr("继续填写申请") : qsTr("开始填写申请")
                subtext: qsTr("已识别：%1").arg(JSON.parse(kiosk.identityJson).name || "")
                onClicked: kiosk.startApplication()
            }
        }

        // Side by side on a landscape screen; the side panel under the notice on a portrait one.
        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: root.portrait ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap

            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                radius: Theme.radius
                color: Theme.surface
                border.width: Theme.border
                border.color: Theme.line

                Flickable {
                    id: flick
                    objectName: "noticeFlick"
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    // The "more" hint sits under the text, never over it.
                    anchors.bottomMargin: Theme.gap + (moreLeft.visible ? moreLeft.height : 0)
                    clip: true
                    contentHeight: elements.implicitHeight + Theme.px(12)
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {
                        policy: flick.contentHeight > flick.height
                                ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                        width: Theme.px(16)
                    }

                    ColumnLayout {
                        id: elements
                        width: flick.width - Theme.px(28)
                        spacing: Theme.gap

                        Element { label: qsTr("办什么"); value: root.n.name || "" }
                        Element { label: qsTr("谁可以办"); value: root.n.scope || "" }
                        Element {
                            label: qsTr("申请材料")
                            value: ""
                            Repeater {
                                model: root.n.materials || []
                                delegate: Column {
                                    required property var modelData
                                    required property int index
                                    objectName: "material" + index
                                    width: parent ? parent.width : 0
                                    spacing: Theme.px(6)
                                    Text {
                                        width: parent.width
                                        text: (index + 1) + ". " + modelData.name
                                        wrapMode: Text.WordWrap
                                        font.pixelSize: Theme.fontBody
                                        color: Theme.text
                                    }
                                    Flow {
                                        width: parent.width
                                        spacing: Theme.px(10)
                                        Badge {
                                            objectName: "sharedBadge"
                                            visible: modelData.source === "shared"
                                            tint: Theme.shared
                                            fill: Theme.sharedBackground
                                            text: qsTr("部门已有，您不用带")
                                        }
                                        Badge {
                                            visible: modelData.source === "commitment"
                                            tint: Theme.commitment
                                            text: qsTr("可用书面承诺代替")
                                        }
                                        Badge {
                                            visible: modelData.original
                                            tint: Theme.accent
                                            text: qsTr("需提供原件")
                                        }
                                    }
                                    Text {
                                        visible: modelData.note !== ""
                                        width: parent.width
                                        text: modelData.note
                                        wrapMode: Text.WordWrap
                                        font.pixelSize: Theme.fontSmall
                                        color: Theme.textMuted
                                    }
                                }
                            }
                        }
                        // In elderly type the side panel's facts are read here, in the one
                        // panel that scrolls, rather than in a second scrolling panel.
                        Element {
                            visible: Theme.elderly
                            label: qsTr("办结时限")
                            value: qsTr("%n 个工作日内办结", "", root.n.timeLimit || 0)
                        }
                        Element { visible: Theme.elderly; label: qsTr("收费标准"); value: root.n.fee || "" }
                        Element { visible: Theme.elderly; label: qsTr("办好后怎么拿"); value: root.n.delivery || "" }
                        Element { label: qsTr("咨询途径"); value: root.n.consultation || "" }
                        Element { label: qsTr("办公地址和时间"); value: root.n.office || "" }
                    }
                }

                MoreHint {
                    id: moreLeft
                    flick: flick
                    inline: true
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: Theme.px(8)
                    anchors.horizontalCenter: parent.horizontalCenter
                }
            }

            Rectangle {
                Layout.preferredWidth: Theme.px(Theme.elderly ? 640 : 560)
                Layout.fillHeight: !root.portrait
                Layout.fillWidth: root.portrait
                // On a portrait screen the panel is as tall as what it holds: no hint.
                Layout.preferredHeight: side.implicitHeight + Theme.gap * 2
                radius: Theme.radius
                color: Theme.surface
                border.width: Theme.border
                border.color: Theme.line

                Flickable {
                    id: sideFlick
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    // The "more" hint sits under the buttons, never over them.
                    anchors.bottomMargin: Theme.gap + (moreRight.visible ? moreRight.height : 0)
                    clip: true
                    contentHeight: side.implicitHeight
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {
                        policy: sideFlick.contentHeight > sideFlick.height
                                ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                        width: Theme.px(16)
                    }

                    ColumnLayout {
                        id: side
                        width: sideFlick.width - Theme.px(28)
                        spacing: Theme.gap

                        RowLayout {
                            spacing: Theme.gap
                            Image {
                                objectName: "guideQr"
                                Layout.preferredWidth: Theme.px(220)
                                Layout.preferredHeight: Theme.px(220)
                                sourceSize.width: Theme.px(220)
                                sourceSize.height: Theme.px(220)
                                smooth: false
                                source: root.n.url ? "image://qr/" + encodeURIComponent(root.n.url) : ""
                            }
                            Text {
                                Layout.fillWidth: true
                                wrapMode: Text.WordWrap
                                text: qsTr("用手机扫码，查看完整办事指南")
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                color: Theme.text
                            }
                        }
                        // 预约 (§6.1.2): for those who would rather come to a window at a set time.
                        BigButton {
                            objectName: "appointmentButton"
                            Layout.fillWidth: true
                            text: qsTr("预约到窗口办理")
                            fontSize: Theme.fontBody
                            onClicked: kiosk.want("appointment")
                        }
                        // The notice on paper (§5.3.1's simplified guide), from the receipt
                        // printer: a list to gather the papers by at home.
                        BigButton {
                            objectName: "printGuideButton"
                            Layout.fillWidth: true
                            text: qsTr("打印告知单")
                            subtext: qsTr("带回家，对照准备材料")
                            fontSize: Theme.fontBody
                            onClicked: journey.printGuide()
                        }
                        Text {
                            objectName: "guideState"
                            visible: text !== ""
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: root.guideText(journey.guideState)
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: ["queued", "printing", "paper_low", "done"]
                                   .indexOf(journey.guideState) >= 0 ? Theme.shared : Theme.accent
                            // In a panel that scrolls (elderly mode's large type), what the
                            // printer says must not stay below the fold.
                            onTextChanged: if (text !== "") Qt.callLater(function () {
                                var bottom = y + implicitHeight
                                if (bottom > sideFlick.contentY + sideFlick.height)
                                    sideFlick.contentY = Math.min(
                                        bottom - sideFlick.height,
                                        Math.max(0, sideFlick.contentHeight - sideFlick.height))
                            })
                        }
                        Element {
                            visible: !Theme.elderly
                            stacked: true
                            label: qsTr("办结时限")
                            value: qsTr("%n 个工作日内办结", "", root.n.timeLimit || 0)
                        }
                        Element { visible: !Theme.elderly; stacked: true; label: qsTr("收费标准"); value: root.n.fee || "" }
                        Element { visible: !Theme.elderly; stacked: true; label: qsTr("办好后怎么拿"); value: root.n.delivery || "" }
                        Text {
                            visible: !Theme.elderly
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: qsTr("%n 项材料部门已有，您不用带。", "", root.n.sharedCount || 0)
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.shared
                        }
                        Text {
                            visible: !Theme.elderly
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: qsTr("一次办理 %n 个事项，牵头单位：%1", "",
                                       (root.n.items || []).length).arg(root.n.leadUnit || "")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textMuted
                        }
                    }
                }

                MoreHint {
                    id: moreRight
                    flick: sideFlick
                    inline: true
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: Theme.px(8)
                    anchors.horizontalCenter: parent.horizontalCenter
                }
            }
        }
    }
}
