import QtQuick
import QtQuick.Layouts
import Kiosk

// The session has ended but the card is still in: nothing else until it is taken.
Rectangle {
    id: root
    color: Theme.background
    ColumnLayout {
        anchors.centerIn: parent
        spacing: Theme.gap * 2
        CardPicture {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: implicitWidth * 1.5
            Layout.preferredHeight: implicitHeight * 1.5
            taking: true
        }
        Text {
            objectName: "takeCardText"
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: root.width - Theme.gap * 4
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("请取走您的证件")
            font.pixelSize: Theme.fontHuge * 1.2
            font.bold: true
            color: Theme.accent
        }
    }
}
