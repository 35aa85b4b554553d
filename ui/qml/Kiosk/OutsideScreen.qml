import QtQuick
import QtQuick.Layouts
import Kiosk

// The resident's answer puts them outside this one-thing: say so, and where to go.
Rectangle {
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2

        Text {
            Layout.fillWidth: true
            text: kiosk.onethingName
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: outsideText.implicitHeight + Theme.gap * 2
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.border
            border.color: Theme.accent
            Text {
                id: outsideText
                objectName: "outsideText"
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: kiosk.outsideText
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontLarge
                color: Theme.text
            }
        }
        RowLayout {
            spacing: Theme.gap * 2
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 重新回答")
                onClicked: kiosk.back()
            }
            BigButton {
                primary: true
                text: qsTr("回首页")
                onClicked: kiosk.home()
            }
        }
        Item { Layout.fillHeight: true }
    }
}
