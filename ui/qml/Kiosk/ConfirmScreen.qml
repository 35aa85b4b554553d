import QtQuick
import QtQuick.Layouts
import Kiosk

// 核对身份: what the card says, masked, for the resident to recognise.
Rectangle {
    id: root
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap

        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("请核对您的身份")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: card.implicitHeight + Theme.gap * 2
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.border
            border.color: Theme.line
            GridLayout {
                id: card
                anchors.fill: parent
                anchors.margins: Theme.gap
                // Narrow (a portrait screen in large type): each label above its value.
                columns: root.width > Theme.sx(1150) ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.px(8)
                Text { text: qsTr("姓名"); font.pixelSize: Theme.fontLarge; color: Theme.primary; font.bold: true }
                Text {
                    objectName: "identityName"
                    text: JSON.parse(kiosk.identityJson).name || ""
                    font.pixelSize: Theme.fontTitle * 1.2
                    font.bold: true
                    color: Theme.text
                }
                Text { text: qsTr("证件号码"); font.pixelSize: Theme.fontLarge; color: Theme.primary; font.bold: true }
                Text {
                    objectName: "identityNumber"
                    Layout.fillWidth: true
                    text: JSON.parse(kiosk.identityJson).number || ""
                    // Eighteen characters always on one line: smaller type rather than a spill.
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: Theme.fontBody
                    font.pixelSize: Theme.fontTitle
                    font.family: "monospace"
                    color: Theme.text
                }
                Text { text: qsTr("证件"); font.pixelSize: Theme.fontLarge; color: Theme.primary; font.bold: true }
                Text {
                    text: {
                        switch (JSON.parse(kiosk.identityJson).cardType) {
                        case "social_security": return qsTr("社会保障卡")
                        case "residence_permit": return qsTr("港澳台居民居住证")
                        case "foreign_resident": return qsTr("外国人永久居留身份证")
                        default: return qsTr("居民身份证")
                        }
                    }
                    font.pixelSize: Theme.fontLarge
                    color: Theme.text
                }
            }
        }
        Flow {
            // 关怀版 by itself for a card holder of 60 or more; one tap says no. The button
            // goes under the words where both do not fit across (a portrait screen).
            objectName: "elderlyOffered"
            visible: kiosk.elderlyOffered
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                width: Math.min(implicitWidth, parent.width)
                wrapMode: Text.WordWrap
                text: qsTr("已为您换成大字的长辈模式")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.primary
            }
            BigButton {
                objectName: "declineElderlyButton"
                fontSize: Theme.fontBody
                text: qsTr("不用，换回标准模式")
                onClicked: kiosk.declineElderly()
            }
        }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("为保护您的信息，号码和姓名只显示一部分。")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        // 代办: a relative applies for the card holder; their own card is read here too.
        ColumnLayout {
            id: agentBox
            objectName: "agentBox"
            property var agent: JSON.parse(kiosk.agentJson)
            visible: agent.allowed
            Layout.fillWidth: true
            spacing: Theme.px(8)
            BigButton {
                objectName: "agentButton"
                visible: !agentBox.agent.wanted
                fontSize: Theme.fontBody
                text: qsTr("家属代办：替这位老人办理")
                onClicked: kiosk.wantAgent(true)
            }
            Text {
                objectName: "agentPrompt"
                visible: agentBox.agent.wanted && !agentBox.agent.read
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("请代办人把自己的身份证放到读卡区")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.primary
            }
            Text {
                objectName: "agentIdentity"
                visible: agentBox.agent.read
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("代办人：%1（%2）").arg(agentBox.agent.name).arg(agentBox.agent.number)
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
            Flow {
                visible: agentBox.agent.read
                Layout.fillWidth: true
                spacing: Theme.px(12)
                Repeater {
                    model: [
                        { id: "child", label: qsTr("子女") },
                        { id: "spouse", label: qsTr("配偶") },
                        { id: "grandchild", label: qsTr("孙子女") },
                        { id: "sibling", label: qsTr("兄弟姐妹") },
                        { id: "other", label: qsTr("其他受托人") }
                    ]
                    BigButton {
                        objectName: "relation_" + modelData.id
                        fontSize: Theme.fontBody
                        selected: agentBox.agent.relation === modelData.id
                        text: modelData.label
                        onClicked: kiosk.chooseRelation(modelData.id)
                    }
                }
            }
        }
        RowLayout {
            spacing: Theme.gap * 2
            BigButton {
                objectName: "notMeButton"
                text: qsTr("不是我")
                onClicked: kiosk.notMe()
            }
            BigButton {
                objectName: "confirmButton"
                Layout.preferredWidth: Theme.sx(420)
                primary: true
                enabled: !agentBox.agent.wanted || agentBox.agent.relation !== ""
                opacity: enabled ? 1 : 0.4
                text: qsTr("是我，继续")
                onClicked: kiosk.confirmIdentity()
            }
        }
        Item { Layout.fillHeight: true }
    }
}
