import QtQuick
import Kiosk

// A card sliding into a reader, over and over: where the card goes. `taking` plays it the
// other way: the card coming out.
Item {
    id: root
    property bool taking: false
    implicitWidth: Theme.sx(260)
    implicitHeight: Theme.sx(200)

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: parent.height * 0.35
        radius: Theme.radius
        color: Theme.primary
    }
    Rectangle {
        id: card
        width: parent.width * 0.7
        height: parent.height * 0.55
        x: parent.width * 0.15
        radius: Theme.px(10)
        color: Theme.elderly ? "#ffff00" : "#f5c542"
        border.width: Theme.border
        border.color: Theme.text
        Rectangle {
            x: parent.width * 0.1; y: parent.height * 0.2
            width: parent.width * 0.25; height: parent.height * 0.5
            radius: Theme.px(4)
            color: "#8a6d1f"
        }
        SequentialAnimation on y {
            loops: Animation.Infinite
            running: root.visible
            NumberAnimation {
                from: root.taking ? root.height * 0.3 : 0
                to: root.taking ? 0 : root.height * 0.3
                duration: 1200; easing.type: Easing.InOutQuad
            }
            PauseAnimation { duration: 800 }
            NumberAnimation {
                from: root.taking ? 0 : root.height * 0.3
                to: root.taking ? root.height * 0.3 : 0
                duration: 600
            }
        }
    }
}
