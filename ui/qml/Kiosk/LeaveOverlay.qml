import QtQuick
import Kiosk

// 回首页 with answers given: asked first, so a stray tap does not throw the application away.
Rectangle {
    id: root
    objectName: "leaveOverlay"
    color: "#cc000000"
    signal stay()
    signal leave()

    MouseArea { anchors.fill: parent }  // the screen below takes no taps meanwhile

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
                wrapMode: Text.WordWrap
                text: qsTr("不办了吗？")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: qsTr("回到首页，您刚才填写的内容会全部清除，要重新办理。")
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
            BigButton {
                objectName: "stayButton"
                width: parent.width
                primary: true
                text: qsTr("接着办")
                onClicked: root.stay()
            }
            BigButton {
                objectName: "leaveButton"
                width: parent.width
                text: qsTr("不办了，回首页")
                onClicked: root.leave()
            }
        }
    }
}
