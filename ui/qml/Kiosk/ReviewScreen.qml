import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 核对并提交: everything on one screen, masked where personal; how the results come back.
Rectangle {
    id: root
    color: Theme.background
    readonly property var r: JSON.parse(journey.reviewJson)

    function materialState(state) {
        switch (state) {
        case "shared": return qsTr("已通过数据共享获取")
        case "checked": return qsTr("由部门核查，您不用提供")
        case "form": return qsTr("本表即是")
        case "commitment": return qsTr("已签承诺代替")
        case "captured": return qsTr("已拍照上传")
        case "card": return qsTr("已在本机读卡")
        default: return qsTr("请到窗口交原件")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        StepHeader { title: qsTr("请核对，然后提交") }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Flickable {
                id: flick
                anchors.fill: parent
                clip: true
                contentHeight: body.implicitHeight + Theme.px(24)
                boundsBehavior: Flickable.StopAtBounds
                Column {
                    id: body
                    width: flick.width - Theme.px(24)
                    spacing: Theme.px(14)

                    Text {
                        width: parent.width
                        wrapMode: Text.WordWrap
                        text: (root.r.onething || "") + "  ·  " + (root.r.situation || "")
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.primary
                    }
                    Text {
                        width: parent.width
                        wrapMode: Text.WordWrap
                        text: qsTr("这次一起办：%1").arg((root.r.items || []).join(kiosk.language === "en" ? "; " : "、"))
                              + "\n" + qsTr("承诺 %n 个工作日内办结", "", root.r.days || 0)
                        font.pixelSize: Theme.fontBody
                        color: Theme.text
                    }
                    Text {
                        objectName: "reviewAgent"
                        visible: (root.r.agent || "") !== ""
                        width: parent.width
                        wrapMode: Text.WordWrap
                        text: qsTr("代办人：%1").arg(root.r.agent || "")
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.text
                    }
                    // The answers, masked where personal.
                    Repeater {
                        model: JSON.parse(journey.fieldsJson)
                        delegate: Row {
                            required property var modelData
                            width: body.width
                            spacing: Theme.gap
                            Text {
                                width: Theme.sx(300)
                                wrapMode: Text.WordWrap
                                text: modelData.label
                                font.pixelSize: Theme.fontBody
                                color: Theme.textMuted
                            }
                            Text {
                                width: body.width - Theme.sx(300) - Theme.gap
                                wrapMode: Text.WordWrap
                                text: modelData.known || modelData.personal ? modelData.shown
                                      : (modelData.kind === "choice" && modelData.value
                                         ? modelData.optionLabels[modelData.options.indexOf(modelData.value)]
                                         : modelData.value)
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                color: Theme.text
                            }
                        }
                    }
                    Text {
                        text: qsTr("材料")
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.primary
                    }
                    Repeater {
                        model: JSON.parse(journey.materialsJson)
                        delegate: Row {
                            required property var modelData
                            width: body.width
                            spacing: Theme.gap
                            Text {
                                width: body.width * 0.6
                                wrapMode: Text.WordWrap
                                text: modelData.name
                                font.pixelSize: Theme.fontBody
                                color: Theme.text
                            }
                            Badge {
                                tint: modelData.state !== "paper"
                                      ? Theme.shared : Theme.accent
                                text: root.materialState(modelData.state)
                            }
                        }
                    }
                }
            }
        }
        // Under the list, not over it: the hint never covers a word.
        Item {
            Layout.fillWidth: true
            Layout.preferredHeight: more.visible ? more.height : 0
            MoreHint { id: more; flick: flick; inline: true }
        }

        // 一次送达: by post to the household's address, or collected here; on a landscape
        // screen 确认提交 shares the row, leaving the answers more room.
        GridLayout {
            Layout.fillWidth: true
            columns: root.width > root.height ? 4 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            Text {
                Layout.columnSpan: root.width > root.height ? 1 : 2
                text: qsTr("办好后怎么拿")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.primary
            }
            BigButton {
                objectName: "deliveryPost"
                Layout.fillWidth: true
                selected: root.r.delivery === "post"
                text: qsTr("邮寄到家")
                subtext: root.r.address || ""
                onClicked: journey.setDelivery("post")
            }
            BigButton {
                objectName: "deliveryPickup"
                Layout.fillWidth: true
                selected: root.r.delivery === "pickup"
                text: qsTr("到窗口领取")
                subtext: root.r.place || ""
                onClicked: journey.setDelivery("pickup")
            }
            BigButton {
                objectName: "submitButton"
                Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
                Layout.columnSpan: root.width > root.height ? 1 : 2
                Layout.preferredWidth: Theme.sx(root.width > root.height ? 320 : 420)
                primary: true
                text: qsTr("确认提交")
                onClicked: journey.submit()
            }
        }
    }
}
