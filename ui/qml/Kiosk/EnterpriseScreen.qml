import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// Which enterprise: its unified social credit code, typed, or read from the QR code of
// its electronic business licence.
Rectangle {
    id: root
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        StepHeader { title: qsTr("企业信息") }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("请输入企业的统一社会信用代码（18 位），或出示电子营业执照二维码。")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        TextField {
            id: code
            objectName: "creditCodeInput"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.target
            font.pixelSize: Theme.fontTitle
            font.family: "monospace"
            maximumLength: 18
            inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
            placeholderText: qsTr("例如 91330106MA2XXXXXXX")
        }
        Text {
            objectName: "creditProblem"
            visible: journey.creditProblem !== ""
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: journey.creditProblem === "not_a_licence"
                  ? qsTr("这不是电子营业执照的二维码，请换一个，或直接输入代码。")
                  : qsTr("代码不对，请核对后重新输入（最后一位是校验码）。")
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.accent
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            spacing: Theme.gap * 2
            BigButton {
                objectName: "scanLicenceButton"
                text: qsTr("扫描电子营业执照")
                onClicked: scanner.active = true
            }
            Item { Layout.fillWidth: true }
            BigButton {
                objectName: "nextButton"
                Layout.preferredWidth: Theme.sx(360)
                primary: true
                text: qsTr("下一步 ›")
                onClicked: journey.setCreditCode(code.text)
            }
        }
    }

    // The e-business licence's QR code through the camera, over the whole screen.
    Loader {
        id: scanner
        anchors.fill: parent
        active: false
        z: 5
        sourceComponent: ScanScreen {
            camera: kioskCamera
            onBack: scanner.active = false
            onScanned: (kind, value) => {
                scanner.active = false
                if (kind === "licence")
                    journey.setCreditCode(value)
                else
                    journey.scanned("")  // says it is not a licence
            }
        }
    }
}
