import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// Life events: personal or enterprise, then the stage (主项), then the one-thing (子项).
Rectangle {
    id: root
    color: Theme.background
    // A portrait screen: the stages above the one-things rather than beside them.
    readonly property bool portrait: height > width

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            Layout.maximumWidth: root.width - Theme.gap * 2
            spacing: Theme.gap
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: kiosk.back()
            }
            BigButton {
                objectName: "personalTab"
                Layout.preferredWidth: Theme.sx(300)
                // Narrower on a portrait screen: the words wrap rather than run off.
                Layout.fillWidth: root.portrait
                Layout.minimumWidth: Theme.target
                selected: kiosk.audience === "personal"
                text: qsTr("个人办事")
                onClicked: kiosk.browse("personal")
            }
            BigButton {
                objectName: "enterpriseTab"
                Layout.preferredWidth: Theme.sx(300)
                // Narrower on a portrait screen: the words wrap rather than run off.
                Layout.fillWidth: root.portrait
                Layout.minimumWidth: Theme.target
                selected: kiosk.audience === "enterprise"
                text: qsTr("企业办事")
                onClicked: kiosk.browse("enterprise")
            }
            Text {
                Layout.fillWidth: true
                visible: !root.portrait
                horizontalAlignment: Text.AlignRight
                text: qsTr("请选择您要办的事")
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: root.portrait ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap

            GridView {
                id: stageList
                objectName: "stageList"
                // As many columns as it takes to show every stage without scrolling (up to
                // three): the elderly type gets a grid rather than a list that hides 养老.
                // On a portrait screen: three columns across the width, as tall as they need.
                readonly property int rowsFit: Math.max(1, Math.floor(height / cellHeight))
                readonly property int columns: root.portrait ? 3
                    : Math.min(3, Math.max(Theme.elderly ? 1 : 2, Math.ceil(count / rowsFit)))
                Layout.preferredWidth: columns * (Theme.elderly ? Theme.px(300) : Theme.px(268))
                                       + Theme.px(24)
                Layout.fillWidth: root.portrait
                Layout.fillHeight: !root.portrait
                Layout.preferredHeight: Math.ceil(count / columns) * cellHeight
                clip: true
                cellWidth: (width - Theme.px(24)) / columns
                // English stage names take two lines.
                cellHeight: Theme.target * (kiosk.language === "en" ? (Theme.elderly ? 1.2 : 1.5) : 1)
                            + Theme.px(12)
                model: JSON.parse(kiosk.stagesJson)
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    policy: stageList.contentHeight > stageList.height
                            ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    width: Theme.px(16)
                }
                // Room for the "more" hint only when it shows (not every stage fits).
                footer: Item {
                    width: 1
                    height: Math.ceil(stageList.count / stageList.columns) * stageList.cellHeight
                            <= stageList.height ? 0 : moreStages.room
                }
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
                        // In elderly type, a size smaller still: three columns of them.
                        fontSize: kiosk.language !== "en" ? Theme.fontLarge
                                  : Theme.elderly ? Theme.fontSmall : Theme.fontBody
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
                                width: parent.width
                                wrapMode: Text.WordWrap
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
