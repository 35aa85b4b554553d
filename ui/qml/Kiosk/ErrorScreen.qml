import QtQuick
import QtQuick.Layouts
import Kiosk

// Something failed on the way. Plain words, and three ways on: try again, go back, or ask
// the staff. Nothing typed so far is lost.
Rectangle {
    color: Theme.background
    function errorText(kind) {
        switch (kind) {
        case "submit": return qsTr("申请没能保存。请再试一次；如果还不行，请联系工作人员。")
        case "hub": return qsTr("暂时连不上政务服务网络。请稍后再试，或联系工作人员。")
        case "device": return qsTr("设备出了点问题。请再试一次，或联系工作人员。")
        case "sharing": return qsTr("暂时查不到部门里的信息。请再试一次，或自己填写。")
        default: return qsTr("出了点问题。请再试一次，或联系工作人员。")
        }
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("抱歉，没有成功")
            font.pixelSize: Theme.fontHuge
            font.bold: true
            color: Theme.accent
        }
        Text {
            objectName: "errorText"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: errorText(kiosk.error)
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("您已填写的内容都还在。")
            font.pixelSize: Theme.fontBody
            color: Theme.shared
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            spacing: Theme.gap * 2
            BigButton { objectName: "backButton"; text: qsTr("‹ 返回"); onClicked: kiosk.back() }
            Item { Layout.fillWidth: true }
            BigButton {
                objectName: "retryButton"
                Layout.preferredWidth: Theme.sx(360)
                primary: true
                text: qsTr("再试一次")
                onClicked: kiosk.retry()
            }
        }
    }
}
