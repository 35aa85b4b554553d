import QtQuick
import Kiosk

Rectangle {
    id: root
    property alias text: label.text
    property color tint: Theme.primary
    property color fill: Theme.surface
    implicitWidth: label.implicitWidth + Theme.px(24)
    implicitHeight: label.implicitHeight + Theme.px(8)
    radius: height / 2
    color: fill
    border.width: Theme.border
    border.color: tint
    Text {
        id: label
        anchors.centerIn: parent
        font.pixelSize: Theme.fontSmall
        font.bold: true
        color: root.tint
    }
}
