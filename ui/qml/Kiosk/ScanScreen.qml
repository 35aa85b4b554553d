import QtQuick
import QtQuick.Layouts
import Kiosk

// 扫码: the progress code on an acceptance notice, the booking code on an appointment slip, or
// an e-business licence. A code the kiosk cannot use is said to be so, not ignored.
Rectangle {
    id: root
    required property var camera
    signal back()
    signal scanned(string kind, string value)
    color: Theme.background
    Component.onCompleted: root.camera.start("qr")
    Component.onDestruction: if (root.camera) root.camera.stop()

    Connections {
        target: root.camera
        function onCodeScanned(kind, value) { root.scanned(kind, value) }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap * 2
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: root.back()
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("扫描二维码")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap * 2
            CameraPreview {
                id: preview
                objectName: "scanPreview"
                Layout.fillWidth: true
                Layout.fillHeight: true
                camera: root.camera
                overlay: "code"
                words: root.camera.codeKind === "" ? qsTr("请把二维码对准方框") : ""
            }
            ColumnLayout {
                Layout.preferredWidth: Theme.sx(420)
                Layout.maximumWidth: Theme.sx(420)
                Layout.fillWidth: false
                Layout.fillHeight: true
                spacing: Theme.gap
                Text {
                    objectName: "scanResult"
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: root.camera.codeKind === "progress" ? qsTr("已识别办件进度码")
                        : root.camera.codeKind === "booking" ? qsTr("已识别预约码")
                        : root.camera.codeKind === "licence" ? qsTr("已识别电子营业执照")
                        : root.camera.codeKind === "unknown" ? qsTr("这个二维码不能在本机使用。请换一个，或咨询工作人员。")
                        : qsTr("可以扫描：受理通知书上的进度码、预约单上的预约码、电子营业执照。")
                    font.pixelSize: root.camera.codeKind === "" ? Theme.fontLarge : Theme.fontTitle
                    font.bold: root.camera.codeKind !== ""
                    color: root.camera.codeKind === "unknown" ? Theme.accent : Theme.text
                }
                Text {
                    Layout.fillWidth: true
                    visible: root.camera.codeValue !== ""
                    wrapMode: Text.WrapAnywhere
                    text: root.camera.codeValue
                    font.pixelSize: Theme.fontLarge
                    color: Theme.textMuted
                }
                Item { Layout.fillHeight: true }
                BigButton {
                    objectName: "scanAgainButton"
                    Layout.fillWidth: true
                    visible: root.camera.codeKind !== ""
                    text: qsTr("再扫一次")
                    onClicked: root.camera.scanAgain()
                }
            }
        }
    }
}
