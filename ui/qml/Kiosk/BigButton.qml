import QtQuick
import Kiosk

// A large touch target with a plain label; primary buttons are filled.
Rectangle {
    id: root
    property alias text: label.text
    property string subtext: ""
    property bool primary: false
    property bool selected: false
    property int fontSize: Theme.fontLarge
    // A primary button's colour; another where the primary colour is the background's.
    property color fill: Theme.primary
    signal clicked()

    // Width from the text's natural length, height from the wrapped text: the width never
    // depends on the height, so layouts settle in one pass.
    implicitHeight: Math.max(Theme.target, column.implicitHeight + Theme.px(24))
    implicitWidth: Math.max(Theme.target * 2, metrics.advanceWidth + Theme.px(64))
    TextMetrics { id: metrics; font: label.font; text: label.text }
    radius: Theme.radius
    color: primary || selected ? fill : Theme.surface
    border.width: Theme.border
    border.color: primary || selected ? fill : Theme.line
    opacity: tap.pressed ? 0.7 : 1.0

    Column {
        id: column
        anchors.centerIn: parent
        width: parent.width - Theme.px(32)
        spacing: Theme.px(4)
        Text {
            id: label
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.pixelSize: root.fontSize
            font.bold: true
            color: root.primary || root.selected ? Theme.primaryText : Theme.text
        }
        Text {
            visible: root.subtext !== ""
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: root.subtext
            font.pixelSize: Theme.fontSmall
            color: root.primary || root.selected ? Theme.primaryText : Theme.textMuted
        }
    }
    TapHandler { id: tap; onTapped: root.clicked() }
}
