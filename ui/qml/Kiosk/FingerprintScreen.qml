import QtQuick
import QtQuick.Layouts
import Kiosk

// 采集指纹 (§6.1.4): one instruction at a time, then the image and what to make of it.
Rectangle {
    id: root
    color: Theme.background
    readonly property var fp: JSON.parse(kiosk.fingerprintJson)
    Component.onCompleted: kiosk.startFingerprint()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap

        BigButton {
            objectName: "backButton"
            text: qsTr("‹ 返回")
            onClicked: kiosk.back()
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap * 3
            Rectangle {
                Layout.preferredWidth: Theme.sx(256)
                Layout.preferredHeight: Theme.sx(288)
                color: Theme.surface
                border.width: Theme.border
                border.color: Theme.line
                Image {
                    objectName: "fingerprintImage"
                    anchors.fill: parent
                    anchors.margins: Theme.border
                    visible: root.fp.image !== ""
                    source: root.fp.image || ""
                    cache: false
                    fillMode: Image.PreserveAspectFit
                }
                Text {
                    visible: root.fp.image === ""
                    anchors.centerIn: parent
                    text: "☝"
                    font.pixelSize: Theme.sx(160)
                    color: Theme.primary
                }
            }
            Column {
                Layout.fillWidth: true
                spacing: Theme.gap
                Text {
                    objectName: "fingerprintGuidance"
                    width: parent.width
                    wrapMode: Text.WordWrap
                    text: !root.fp.available ? qsTr("指纹仪暂不可用，请联系工作人员。")
                        : root.fp.step === "place" ? qsTr("请将手指平放在指纹仪上")
                        : root.fp.step === "lift" ? qsTr("请抬起手指")
                        : root.fp.step === "again" ? qsTr("请再按一次")
                        : root.fp.step === "working" ? qsTr("正在读取，请稍候……")
                        : root.fp.step === "failed" ? qsTr("没有采集成功，请再试一次。")
                        : root.fp.verdict === "good" ? qsTr("指纹已采集，清晰可用。")
                        : root.fp.verdict === "faint" ? qsTr("指纹太浅：请把手指放平，稍用力按，再采集一次。")
                        : root.fp.verdict === "smudged" ? qsTr("指纹不清：请擦干手指，再采集一次。")
                        : ""
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: root.fp.step === "failed" || (root.fp.verdict !== "" && root.fp.verdict !== "good")
                           ? Theme.accent : Theme.text
                }
                Text {
                    width: parent.width
                    wrapMode: Text.WordWrap
                    visible: root.fp.step === "place" || root.fp.step === "again"
                    text: qsTr("同一根手指按两次。")
                    font.pixelSize: Theme.fontLarge
                    color: Theme.textMuted
                }
            }
        }
        RowLayout {
            spacing: Theme.gap * 2
            visible: root.fp.step === "done" || root.fp.step === "failed"
            BigButton {
                objectName: "retakeButton"
                text: qsTr("重新采集")
                onClicked: kiosk.startFingerprint()
            }
            BigButton {
                objectName: "acceptFingerprintButton"
                visible: root.fp.step === "done"
                primary: true
                text: qsTr("确认，继续")
                onClicked: kiosk.acceptFingerprint()
            }
        }
        Item { Layout.fillHeight: true }
    }
}
