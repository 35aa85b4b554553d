import QtQuick
import Kiosk

// Three dots that pulse: something is happening, nothing is stuck.
Row {
    spacing: Theme.px(24)
    Repeater {
        model: 3
        delegate: Rectangle {
            required property int index
            width: Theme.sx(28); height: width; radius: width / 2
            color: Theme.primary
            SequentialAnimation on opacity {
                loops: Animation.Infinite
                PauseAnimation { duration: index * 200 }
                NumberAnimation { from: 1; to: 0.2; duration: 500 }
                NumberAnimation { from: 0.2; to: 1; duration: 500 }
                PauseAnimation { duration: (2 - index) * 200 }
            }
        }
    }
}
