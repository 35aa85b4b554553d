import QtQuick
import Kiosk

// Not everyone knows a panel scrolls: say so while there is more below.
Rectangle {
    objectName: "moreHint"
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
