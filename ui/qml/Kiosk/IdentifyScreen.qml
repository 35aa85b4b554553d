import QtQuick
import QtQuick.Layouts
import Kiosk

// 刷卡: where to put the card, and which readers are working right now.
Rectangle {
    id: root
    color: Theme.background
    // A portrait screen: the card picture above the words rather than beside them.
    readonly property bool portrait: height > width

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap

        BigButton {
            objectName: "backButton"
            text: qsTr("‹ 返回")
            onClicked: kiosk.back()
        }

        GridLayout {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: parent.width
            columns: root.portrait ? 1 : 2
            columnSpacing: Theme.gap * 3
            rowSpacing: Theme.gap * 2
            CardPicture {
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: implicitWidth
                Layout.preferredHeight: implicitHeight
            }
            Column {
                id: words
                // As wide as the screen leaves beside (or under) the picture, 1100 at most.
                readonly property real textWidth: Math.min(
                    Theme.px(1100),
                    root.portrait ? root.width - Theme.gap * 4
                                  : root.width - Theme.gap * 7 - Theme.sx(260))
                Layout.preferredWidth: textWidth
                spacing: Theme.gap
                Text {
                    width: words.textWidth
                    wrapMode: Text.WordWrap
                    text: qsTr("请把身份证放在读卡区，或把社保卡插入读卡器")
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    visible: kiosk.readersReady > 0
                    width: words.textWidth
                    wrapMode: Text.WordWrap
                    text: qsTr("读卡时请不要移动证件")
                    font.pixelSize: Theme.fontLarge
                    color: Theme.textMuted
                }
            }
        }

        // Each reader's state, so that a resident (or the staff they call) knows which
        // one to use when another is out of order.
        Column {
            objectName: "readerStatus"
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: parent.width
            spacing: Theme.px(8)
            Repeater {
                model: JSON.parse(kiosk.devicesJson).filter(d => d.kind === "idcard" || d.kind === "ssc")
                delegate: Text {
                    required property var modelData
                    text: (modelData.status === "ready" ? "● " : "○ ")
                          + (modelData.kind === "idcard" ? qsTr("身份证读卡区")
                                                                  : qsTr("社保卡读卡器"))
                          + qsTr("：") + (modelData.status === "ready" ? qsTr("可以使用")
                                                                : qsTr("暂不可用"))
                    width: Math.min(implicitWidth, root.width - Theme.gap * 4)
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontBody
                    color: modelData.status === "ready" ? Theme.shared : Theme.accent
                }
            }
        }
        Rectangle {
            objectName: "readersUnavailable"
            visible: kiosk.readersReady === 0
            Layout.fillWidth: true
            implicitHeight: unavailable.implicitHeight + Theme.gap * 2
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.border
            border.color: Theme.accent
            Text {
                id: unavailable
                anchors.fill: parent
                anchors.margins: Theme.gap
                wrapMode: Text.WordWrap
                text: qsTr("读卡器暂时无法使用。请联系工作人员，或到窗口办理。")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.accent
            }
        }
        Item { Layout.fillHeight: true }
    }
}
