import QtQuick
import QtQuick.Layouts
import Kiosk

// After 请工作人员帮忙: what became of the call, in plain words, until staff come.
Rectangle {
    id: root
    objectName: "helpOverlay"
    color: "#cc000000"
    MouseArea { anchors.fill: parent }

    readonly property string message: {
        switch (staff.helpState) {
        case "asking": return qsTr("正在呼叫工作人员……")
        case "sent": return qsTr("已通知工作人员，请在这里稍等")
        case "queued": return qsTr("网络暂时不通，恢复后会马上通知工作人员。您也可以到服务台找工作人员")
        case "coming": return staff.helpWho !== ""
                              ? qsTr("工作人员马上就到（%1）").arg(staff.helpWho)
                              : qsTr("工作人员马上就到")
        case "unavailable": return qsTr("本机暂时不能呼叫，请到服务台找工作人员")
        default: return ""
        }
    }
    onMessageChanged: if (message !== "") kiosk.say(message)

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.gap * 4, Theme.sx(900))
        height: column.implicitHeight + Theme.gap * 3
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.line

        ColumnLayout {
            id: column
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 3
            spacing: Theme.gap
            Text {
                objectName: "helpMessage"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: staff.helpState === "coming" ? Theme.shared : Theme.text
                text: root.message
            }
            BigButton {
                objectName: "helpDone"
                Layout.fillWidth: true
                primary: true
                text: qsTr("好的")
                onClicked: staff.helpDone()
            }
        }
    }
}
