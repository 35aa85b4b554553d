import QtQuick
import QtQuick.Layouts
import Kiosk

// The card was taken out mid-session: wait for it, or end.
Rectangle {
    objectName: "pausedOverlay"
    color: "#cc000000"
    MouseArea { anchors.fill: parent }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.gap * 4, Theme.sx(1000))
        height: panel.implicitHeight + Theme.gap * 4
        radius: Theme.radius
        color: Theme.surface
        ColumnLayout {
            id: panel
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 4
            spacing: Theme.gap
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                text: kiosk.wrongCard ? qsTr("这不是刚才的证件")
                      : kiosk.resumeProblem === "expired" ? qsTr("这张证件已过有效期")
                      : kiosk.resumeProblem !== "" ? qsTr("这张证件现在不能使用")
                      : qsTr("您的证件已取出")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                text: kiosk.wrongCard
                      ? qsTr("请放回刚才那张证件继续办理，或结束办理。")
                      : kiosk.resumeProblem !== ""
                      ? qsTr("请放回您有效期内的证件继续办理，或结束办理。")
                      : qsTr("请把证件放回去继续办理，或结束办理。")
                font.pixelSize: Theme.fontLarge
                color: Theme.text
            }
            BigButton {
                objectName: "endSessionButton"
                Layout.fillWidth: true
                text: qsTr("结束办理")
                onClicked: kiosk.home()
            }
        }
    }
}
