import QtQuick
import Kiosk

// Not everyone knows a panel scrolls: say so while there is more below.
Rectangle {
    // The list or panel it speaks for; give the flickable this much room at its end
    // (footer or contentHeight) so the hint never hides the last line.
    property Flickable flick
    // Placed by its screen's layout (outside the panel) rather than over the panel's bottom.
    property bool inline: false
    readonly property int room: height + Theme.px(24)
    objectName: "moreHint"
    visible: flick !== null && flick.contentHeight > flick.height && !flick.atYEnd
    anchors.bottom: flick && !inline ? flick.bottom : undefined
    anchors.right: flick && !inline ? flick.right : undefined
    anchors.rightMargin: inline ? 0 : Theme.px(40)
    width: moreText.implicitWidth + Theme.gap * 2
    height: moreText.implicitHeight + Theme.px(12)
    radius: height / 2
    color: Theme.primary
    Text {
        id: moreText
        anchors.centerIn: parent
        text: qsTr("向上滑动查看更多 ▼")
        font.pixelSize: Theme.fontSmall
        font.bold: true
        color: Theme.primaryText
    }
}
