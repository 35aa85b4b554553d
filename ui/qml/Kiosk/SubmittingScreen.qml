import QtQuick
import QtQuick.Layouts
import Kiosk

// A moment while the application is written down and handed to the hub.
Rectangle {
    color: Theme.background
    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width * 0.7
        spacing: Theme.gap * 2
        BusyIndicatorDots { Layout.alignment: Qt.AlignHCenter }
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("正在提交，请稍候……")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("您的申请已保存在本机，不会丢失。")
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
        }
    }
}
