import QtQuick
import QtQuick.Layouts
import Kiosk

// 好差评 (§8.2): five levels; the two bad ones ask why. Nobody is told who rated.
Rectangle {
    id: root
    color: Theme.background
    property int level: 0
    property var reasons: []
    readonly property var levels: [
        { level: 5, text: qsTr("非常满意") },
        { level: 4, text: qsTr("满意") },
        { level: 3, text: qsTr("基本满意") },
        { level: 2, text: qsTr("不满意") },
        { level: 1, text: qsTr("非常不满意") }
    ]
    function reasonText(r) {
        switch (r) {
        case "等待时间长": return qsTr("等待时间长")
        case "操作复杂看不懂": return qsTr("操作复杂看不懂")
        case "材料要求不清楚": return qsTr("材料要求不清楚")
        case "设备出了故障": return qsTr("设备出了故障")
        case "工作人员服务不好": return qsTr("工作人员服务不好")
        default: return r
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap

        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("请为这次办理打分")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("评价是匿名的，只用于改进服务。")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            Repeater {
                model: root.levels
                delegate: BigButton {
                    required property var modelData
                    objectName: "level" + modelData.level
                    text: modelData.text
                    selected: root.level === modelData.level
                    onClicked: { root.level = modelData.level; root.reasons = [] }
                }
            }
        }
        Text {
            visible: root.level > 0 && root.level <= 2
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("请选择不满意的原因（可多选）")
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.accent
        }
        Flow {
            visible: root.level > 0 && root.level <= 2
            Layout.fillWidth: true
            spacing: Theme.px(16)
            Repeater {
                model: journey.badReasons
                delegate: BigButton {
                    required property string modelData
                    required property int index
                    objectName: "reason" + index
                    text: root.reasonText(modelData)
                    fontSize: Theme.fontBody
                    selected: root.reasons.indexOf(modelData) >= 0
                    onClicked: {
                        const i = root.reasons.indexOf(modelData)
                        root.reasons = i >= 0 ? root.reasons.filter(r => r !== modelData)
                                              : root.reasons.concat([modelData])
                    }
                }
            }
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            // The screen's width, no more: an elderly portrait screen has no room for the
            // submit button's full width beside 不评价.
            Layout.fillWidth: true
            spacing: Theme.gap * 2
            BigButton {
                objectName: "skipButton"
                text: qsTr("不评价，结束")
                onClicked: journey.skipRating()
            }
            Item { Layout.fillWidth: true }
            BigButton {
                objectName: "rateButton"
                // Its full width where there is room, less (its words wrapped) where not.
                Layout.fillWidth: true
                Layout.preferredWidth: Theme.sx(420)
                Layout.maximumWidth: Theme.sx(420)
                Layout.minimumWidth: Theme.sx(200)
                primary: true
                enabled: root.level >= 3 || (root.level > 0 && root.reasons.length > 0)
                opacity: enabled ? 1.0 : 0.4
                text: qsTr("提交评价")
                onClicked: journey.rate(root.level, root.reasons)
            }
        }
    }
}
