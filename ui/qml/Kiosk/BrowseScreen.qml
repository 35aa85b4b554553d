import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// Life events: personal or enterprise, then the stage (主项), then the one-thing (子项).
Rectangle {
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        RowLayout {
            spacing: Theme.gap
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: kiosk.back()
            }
            BigButton {
                objectName: "personalTab"
                Layout.preferredWidth: Theme.sx(300)
                selected: kiosk.audience === "personal"
                text: qsTr("个人办事")
                onClicked: kiosk.browse("personal")
            }
            BigButton {
                objectName: "enterpriseTab"
                Layout.preferredWidth: Theme.sx(300)
                selected: kiosk.audience === "enterprise"
                text: qsTr("企业办事")
                onClicked: kiosk.browse("enterprise")
            }
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignRight
                text: qsTr("请选择您要办的事")
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap

            GridView {
                id: stageList
                objectName: "stageList"
                // Two columns keep all ten personal stages on screen at normal size.
                readonly property int columns: Theme.elderly ? 1 : 2
                Layout.preferredWidth: Theme.elderly ? Theme.px(480) : Theme.px(560)
                Layout.fillHeight: true
                clip: true
                cellWidth: (width - Theme.px(24)) / columns
                // English stage names take two lines.
                cellHeight: Theme.target * (kiosk.language === "en" ? 1.5 : 1) + Theme.px(12)
                model: JSON.parse(kiosk.stagesJson)
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    policy: stageList.contentHeight > stageList.height
                            ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    width: Theme.px(16)
                }
                footer: Item { width: 1; height: moreStages.room }
                delegate: Item {
                    required property var modelData
                    width: stageList.cellWidth
                    height: stageList.cellHeight
                    BigButton {
                        objectName: "stage_" + parent.modelData.id
                        anchors.fill: parent
                        anchors.rightMargin: Theme.px(12)
                        anchors.bottomMargin: Theme.px(12)
                        // English stage names are long words: a size smaller fits two columns.
                        fontSize: kiosk.language === "en" ? Theme.fontBody : Theme.fontLarge
                        selected: parent.modelData.id === kiosk.stageId
                        text: parent.modelData.name
                        onClicked: kiosk.chooseStage(parent.modelData.id)
                    }
                }
            }

            ListView {
                id: onethingList
                objectName: "onethingList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.gap
                model: JSON.parse(kiosk.onethingsJson)
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    policy: onethingList.contentHeight > onethingList.height
                            ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    width: Theme.px(16)
                }
                footer: Item { width: 1; height: moreOnethings.room }
                delegate: Rectangle {
                    id: card
                    required property var modelData
                    objectName: "onething_" + modelData.id
                    width: onethingList.width - Theme.px(24)
                    height: Math.max(Theme.target * 1.5, cardText.implicitHeight + Theme.gap * 2)
                    radius: Theme.radius
                    color: Theme.surface
                    border.width: Theme.border
                    border.color: Theme.line
                    opacity: cardTap.pressed ? 0.7 : 1.0

                    RowLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        spacing: Theme.gap
                        Column {
                            id: cardText
                            Layout.fillWidth: true
                            spacing: Theme.px(8)
                            Text {
                                width: parent.width
                                text: card.modelData.name
                                wrapMode: Text.WordWrap
                                font.pixelSize: Theme.fontLarge
                                font.bold: true
                                color: Theme.text
                            }
                            Text {
                                width: parent.width
                                visible: text !== ""
                                text: card.modelData.summary
                                wrapMode: Text.WordWrap
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                            Text {
                                text: qsTr("%1 个事项一次办 · %2 个工作日内办结")
                                      .arg(card.modelData.items).arg(card.modelData.days)
                                font.pixelSize: Theme.fontSmall
                                font.bold: true
                                color: Theme.primary
                            }
                        }
                        Text {
                            text: "›"
                            font.pixelSize: Theme.fontHuge
                            color: Theme.primary
                        }
                    }
                    TapHandler { id: cardTap; onTapped: kiosk.chooseOnething(card.modelData.id) }
                }
            }
        }
    }

    MoreHint { id: moreStages; flick: stageList; parent: stageList }
    MoreHint { id: moreOnethings; flick: onethingList; parent: onethingList }
}
