import QtQuick
import Kiosk

// Not everyone knows a panel scrolls: say so while there is more below.
Rectangle {
    // The list or panel it speaks for; give the flickable this much room at its end
    // (footer or contentHeight) so the hint never hides the last line.
    property Flickable flick
    readonly property int room: height + Theme.px(24)
    objectName: "moreHint"
    visible: flick !== null && flick.contentHeight > flick.height && !flick.atYEnd
    anchors.bottom: flick ? flick.bottom : undefined
    anchors.right: flick ? flick.right : undefined
    anchors.rightMargin: Theme.px(40)
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
