import QtQuick
import QtQuick.Layouts
import Kiosk

// Demo and technician mode only: sample residents (SAMPLE DATA) whose cards the simulated
// readers hold. Clearly marked, in a corner, so nobody takes it for part of the service.
Rectangle {
    id: panel
    objectName: "demoPanel"
    property bool open: false
    width: open ? Theme.px(520) : Theme.px(180)
    height: column.implicitHeight + Theme.px(24)
    radius: Theme.radius
    color: "#f0202020"
    border.width: Theme.px(2)
    border.color: "#ffb000"
    // Taps on the panel stop here: none reaches the screen below it.
    MouseArea { anchors.fill: parent }

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.px(12)
        spacing: Theme.px(8)

        Text {
            width: parent.width
            text: panel.open ? qsTr("演示：样例居民（示例数据）") : qsTr("演示 ▸")
            font.pixelSize: Theme.px(22)
            font.bold: true
            color: "#ffb000"
            TapHandler { onTapped: panel.open = !panel.open }
        }
        Repeater {
            model: panel.open ? demo.residents : []
            delegate: Rectangle {
                required property var modelData
                objectName: "demo_" + modelData.key
                width: column.width
                height: Theme.px(56)
                radius: Theme.px(8)
                color: demo.placed === modelData.key ? "#ffb000" : "#404040"
                Text {
                    anchors.centerIn: parent
                    text: modelData.name + " · "
                          + (modelData.card === "resident_id" ? qsTr("身份证") : qsTr("社保卡"))
                          + (modelData.expired ? qsTr("（已过期）") : "")
                    font.pixelSize: Theme.px(22)
                    color: demo.placed === modelData.key ? "#000000" : "#ffffff"
                }
                TapHandler {
                    onTapped: { demo.place(modelData.key); panel.open = false }
                }
            }
        }
        Row {
            visible: panel.open
            spacing: Theme.px(8)
            Repeater {
                model: [{ label: qsTr("按下手指"), press: true }, { label: qsTr("抬起手指"), press: false }]
                delegate: Rectangle {
                    required property var modelData
                    width: (column.width - Theme.px(8)) / 2
                    height: Theme.px(56)
                    radius: Theme.px(8)
                    color: "#404040"
                    Text {
                        anchors.centerIn: parent
                        text: modelData.label
                        font.pixelSize: Theme.px(22)
                        color: "#ffffff"
                    }
                    TapHandler {
                        onTapped: modelData.press ? demo.pressFinger() : demo.liftFinger()
                    }
                }
            }
        }
        Rectangle {
            visible: panel.open
            objectName: "demoTake"
            width: column.width
            height: Theme.px(56)
            radius: Theme.px(8)
            color: "#606060"
            Text {
                anchors.centerIn: parent
                text: qsTr("取出卡片")
                font.pixelSize: Theme.px(22)
                color: "#ffffff"
            }
            TapHandler { onTapped: { demo.take(); panel.open = false } }
        }
        // The printer and the camera, as a technician or a demo wants them.
        Grid {
            visible: panel.open
            columns: 2
            spacing: Theme.px(8)
            Repeater {
                model: [
                    { label: qsTr("打印机缺纸"), act: "paper_out" },
                    { label: qsTr("装上打印纸"), act: "paper_in" },
                    { label: qsTr("打印机断开"), act: "offline" },
                    { label: qsTr("打印机恢复"), act: "online" },
                    { label: qsTr("镜头：人像"), act: "scene:portrait" },
                    { label: qsTr("镜头：营业执照码"), act: "scene:qr-licence" },
                    { label: qsTr("镜头：材料页"), act: "scene:page" },
                    { label: qsTr("镜头：两个人"), act: "scene:two-people" }
                ]
                delegate: Rectangle {
                    required property var modelData
                    objectName: "demo_" + modelData.act
                    width: (column.width - Theme.px(8)) / 2
                    height: Theme.px(56)
                    radius: Theme.px(8)
                    color: "#404040"
                    Text {
                        anchors.centerIn: parent
                        text: modelData.label
                        font.pixelSize: Theme.px(22)
                        color: "#ffffff"
                    }
                    TapHandler { onTapped: demo.act(modelData.act) }
                }
            }
        }
    }
}
