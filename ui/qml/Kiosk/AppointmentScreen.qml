import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 预约 (§6.1.2): a window, a day and a time slot for this one-thing; the booking code is
// shown and printed on a slip.
Rectangle {
    id: root
    color: Theme.background
    readonly property var s: JSON.parse(journey.slotsJson)
    readonly property var b: JSON.parse(journey.bookingJson)

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        RowLayout {
            spacing: Theme.gap
            BigButton { objectName: "backButton"; text: qsTr("‹ 返回"); onClicked: kiosk.back() }
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("预约到窗口办理：%1").arg(kiosk.onethingName)
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
        }
        // Booked: the code, large, and where and when to come.
        Rectangle {
            visible: root.b.state === "booked"
            Layout.fillWidth: true
            implicitHeight: bookedColumn.implicitHeight + Theme.gap * 2
            radius: Theme.radius
            color: Theme.sharedBackground
            border.width: Theme.border
            border.color: Theme.shared
            Column {
                id: bookedColumn
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.px(10)
                Text {
                    text: qsTr("预约成功")
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.shared
                }
                Text {
                    objectName: "bookingCode"
                    text: qsTr("预约码 %1").arg(root.b.code || "")
                    font.pixelSize: Theme.fontHuge
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    width: parent.width
                    wrapMode: Text.WordWrap
                    text: qsTr("请在 %1 %2 到 %3 办理，带上身份证。预约单正在打印。")
                          .arg(root.b.day || "").arg(root.b.time || "").arg(root.b.window || "")
                    font.pixelSize: Theme.fontLarge
                    color: Theme.text
                }
            }
        }
        Text {
            visible: root.b.state !== "booked" && (root.s.state !== "ready" || root.b.state === "failed")
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.accent
            text: root.b.state === "failed" ? qsTr("这个时段刚刚约满了，请换一个时段。")
                  : root.s.state === "loading" ? qsTr("正在查询可预约的时段……")
                  : qsTr("暂时连不上预约系统，请稍后再试。")
        }
        Item {
            visible: root.b.state !== "booked"
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: days
                anchors.fill: parent
                clip: true
                spacing: Theme.gap
                model: root.s.days || []
                footer: Item { height: more.room }
                delegate: Column {
                    required property var modelData
                    width: days.width - Theme.px(24)
                    spacing: Theme.px(10)
                    Text {
                        text: modelData.day
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.primary
                    }
                    Flow {
                        width: parent.width
                        spacing: Theme.px(12)
                        Repeater {
                            model: modelData.slots
                            delegate: BigButton {
                                required property var modelData
                                objectName: "slot_" + modelData.id
                                enabled: modelData.free > 0
                                opacity: enabled ? 1.0 : 0.4
                                text: modelData.time
                                subtext: modelData.window + "\n" + qsTr("余 %1").arg(modelData.free)
                                fontSize: Theme.fontBody
                                onClicked: journey.book(modelData.id)
                            }
                        }
                    }
                }
            }
            MoreHint { id: more; flick: days }
        }
        BigButton {
            visible: root.b.state === "booked"
            Layout.alignment: Qt.AlignRight
            primary: true
            text: qsTr("完成")
            onClicked: kiosk.home()
        }
        Item { Layout.fillHeight: true; visible: root.b.state === "booked" }
    }
}
