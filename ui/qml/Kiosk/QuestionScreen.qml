import QtQuick
import QtQuick.Layouts
import Kiosk

// 情形引导: one plain question at a time; the answers pick the situation.
Rectangle {
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2

        RowLayout {
            spacing: Theme.gap
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: kiosk.back()
            }
            Text {
                Layout.fillWidth: true
                text: kiosk.onethingName
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            Text {
                text: qsTr("第 %1 问").arg(kiosk.question.step || 1)
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
            }
        }

        Text {
            objectName: "questionText"
            Layout.fillWidth: true
            text: kiosk.question.text || ""
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Repeater {
                model: kiosk.question.options || []
                delegate: BigButton {
                    required property var modelData
                    required property int index
                    objectName: "option" + index
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.4
                    text: modelData
                    onClicked: kiosk.answer(index)
                }
            }
        }

        Item { Layout.fillHeight: true }
    }
}
