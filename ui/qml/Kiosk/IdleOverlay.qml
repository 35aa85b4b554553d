import QtQuick
import Kiosk

// The warning before an idle reset: a countdown big enough to read from a step away.
Rectangle {
    id: root
    objectName: "idleOverlay"
    color: "#cc000000"

    // Swallow touches on the dimmed area; the event filter has already reset the clock.
    MouseArea { anchors.fill: parent }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.gap * 4, Theme.sx(980))
        height: panel.implicitHeight + Theme.gap * 4
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.line

        Column {
            id: panel
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 4
            spacing: Theme.gap

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("您还在吗？")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
            Text {
                objectName: "idleCountdown"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: kiosk.idleRemaining
                font.pixelSize: Theme.sx(140)
                font.bold: true
                color: Theme.accent
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: qsTr("%n 秒后将返回首页，本次填写和读取的信息将全部清除。", "", kiosk.idleRemaining)
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
            BigButton {
                objectName: "continueButton"
                width: parent.width
                primary: true
                text: qsTr("继续办理")
                onClicked: kiosk.touched()
            }
        }
    }
}
