import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 查询打印: each application of the resident, the state of each single item, and the
// result documents that are ready to print.
Rectangle {
    id: root
    color: Theme.background
    readonly property var p: JSON.parse(journey.progressJson)

    function stateText(s) {
        switch (s) {
        case "waiting": return qsTr("等待中")
        case "in_progress": return qsTr("办理中")
        case "done": return qsTr("已办结")
        case "returned": return qsTr("退回补正")
        case "rejected": return qsTr("不予办理")
        case "accepted": return qsTr("已受理")
        case "completed": return qsTr("全部办结")
        default: return s
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        RowLayout {
            spacing: Theme.gap
            BigButton { objectName: "backButton"; text: qsTr("‹ 返回"); onClicked: kiosk.back() }
            Text {
                Layout.fillWidth: true
                text: qsTr("我的办件")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
        }
        Text {
            objectName: "progressState"
            visible: root.p.state !== "ready" || (root.p.applications || []).length === 0
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: ["loading", "ready"].indexOf(root.p.state) < 0 ? Theme.accent : Theme.text
            text: {
                switch (root.p.state) {
                case "loading": return qsTr("正在查询，请稍候……")
                case "offline": return qsTr("暂时连不上政务服务网络，请稍后再试。")
                case "card_refused":
                    return qsTr("您的证件没有通过核验，不能查询办件。请到窗口咨询。")
                case "busy": return qsTr("这张证件刚才查询太频繁，请过几分钟再试。")
                default: return qsTr("没有查到您的办件。")
                }
            }
        }
        Text {
            objectName: "resultPrintState"
            visible: ["printing", "done", "offline", "no_office_printer", "no_printer",
                      "card_refused", "busy"]
                     .indexOf(journey.printState) >= 0
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: journey.printState === "done" || journey.printState === "printing"
                   ? Theme.shared : Theme.accent
            text: {
                switch (journey.printState) {
                case "printing": return qsTr("正在打印，请稍候……")
                case "done": return qsTr("已打印，请从打印机取走。")
                case "no_office_printer":
                case "no_printer": return qsTr("本机不能打印这份文件，请到窗口打印。")
                case "card_refused":
                    return qsTr("您的证件没有通过核验，不能打印这份文件。请到窗口咨询。")
                case "busy": return qsTr("这张证件刚才查询太频繁，请过几分钟再打印。")
                default: return qsTr("打印没有成功，请稍后再试，或到窗口打印。")
                }
            }
        }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: list
                anchors.fill: parent
                clip: true
                spacing: Theme.gap
                model: root.p.applications || []
                footer: Item { height: more.room }
                delegate: Rectangle {
                    required property var modelData
                    width: list.width - Theme.px(24)
                    implicitHeight: appColumn.implicitHeight + Theme.px(28)
                    radius: Theme.radius
                    color: Theme.surface
                    border.width: Theme.border
                    border.color: Theme.line
                    Column {
                        id: appColumn
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.top: parent.top
                        anchors.margins: Theme.px(14)
                        spacing: Theme.px(8)
                        Text {
                            width: parent.width
                            wrapMode: Text.WordWrap
                            text: modelData.name + "  ·  " + root.stateText(modelData.state)
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.primary
                        }
                        Text {
                            width: parent.width
                            wrapMode: Text.WordWrap
                            text: qsTr("受理编号 %1，%2 受理，%3 前办结").arg(modelData.number)
                                  .arg(modelData.submitted).arg(modelData.due)
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                        }
                        Repeater {
                            model: modelData.items
                            delegate: Text {
                                required property var modelData
                                text: "· " + modelData.name + "：" + root.stateText(modelData.state)
                                font.pixelSize: Theme.fontBody
                                color: modelData.state === "done" ? Theme.shared : Theme.text
                            }
                        }
                        Flow {
                            width: parent.width
                            spacing: Theme.px(12)
                            Repeater {
                                model: modelData.documents
                                delegate: BigButton {
                                    required property var modelData
                                    objectName: "printDocument_" + modelData.id
                                    text: qsTr("打印：%1").arg(modelData.name)
                                    fontSize: Theme.fontBody
                                    onClicked: journey.printDocument(modelData.id)
                                }
                            }
                        }
                    }
                }
            }
            MoreHint { id: more; flick: list }
        }
    }
}
