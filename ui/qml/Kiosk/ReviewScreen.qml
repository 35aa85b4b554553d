import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 核对并提交: everything on one screen, masked where personal; how the results come back.
Rectangle {
    id: root
    color: Theme.background
    readonly property var r: JSON.parse(journey.reviewJson)
    readonly property bool landscape: width > height

    // What "读一读" reads: the whole review, but no personal value aloud (a name or a number
    // is said as its label only, for the resident to check on the screen).
    readonly property string readText: {
        const sep = kiosk.language === "en" ? ". " : "。"
        const parts = [(r.onething || "") + " " + (r.situation || "")]
        parts.push(qsTr("这次一起办：%1").arg((r.items || []).join(kiosk.language === "en" ? "; " : "、")))
        for (const f of JSON.parse(journey.fieldsJson)) {
            if (f.personal || !f.value)
                continue
            let value = f.kind === "choice" ? f.optionLabels[f.options.indexOf(f.value)] : f.value
            // A date as it is said: 2026年11月18日, not its digits and dashes.
            if (f.kind === "date" && kiosk.language !== "en" && value.length === 10)
                value = qsTr("%1年%2月%3日").arg(value.slice(0, 4))
                        .arg(parseInt(value.slice(5, 7))).arg(parseInt(value.slice(8, 10)))
            parts.push(f.label + (kiosk.language === "en" ? ": " : "：") + value)
        }
        for (const m of JSON.parse(journey.materialsJson))
            parts.push(m.name + (kiosk.language === "en" ? ": " : "：") + materialState(m.state))
        parts.push(qsTr("请核对信息，然后按“确认提交”"))
        return parts.join(sep)
    }

    // Elderly mode: large type a page at a time, turned with buttons, rather than a list
    // that scrolls under her finger. A page never ends inside a row: each starts at the row
    // that did not fit on the one before.
    readonly property bool paged: Theme.elderly
    property int page: 0
    property var pageStarts: [0]
    readonly property int pageCount: pageStarts.length
    function paginate() {
        const starts = [0]
        const room = pageRoom.height
        let top = 0
        // The rows, the answers' two columns taken row by row.
        const rows = []
        for (const child of body.children) {
            if (child === answers)
                for (const cell of answers.children)
                    rows.push({ item: cell, y: answers.y + cell.y })
            else
                rows.push({ item: child, y: child.y })
        }
        for (const row of rows) {
            if (!row.item.visible || row.item.height <= 0)
                continue
            if (row.y + row.item.height > top + room && row.y > top) {
                starts.push(row.y)
                top = row.y
            }
        }
        pageStarts = starts
        turnTo(Math.min(page, starts.length - 1))
    }
    function turnTo(n) {
        page = n
        flick.contentY = paged ? pageStarts[n] : 0
    }
    // How much of the list this page shows: down to the top of the next page's first row.
    readonly property real pageHeight: !paged ? pageRoom.height
        : page + 1 < pageCount ? Math.min(pageRoom.height, pageStarts[page + 1] - pageStarts[page])
        : pageRoom.height

    function materialState(state) {
        switch (state) {
        case "shared": return qsTr("部门已有，您不用带")
        case "checked": return qsTr("部门已有，您不用带")
        case "form": return qsTr("就是这张申请表")
        case "commitment": return qsTr("您已签承诺，不用带")
        case "captured": return qsTr("刚才已拍照")
        case "card": return qsTr("刚才已读卡")
        default: return qsTr("请到窗口交原件")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        StepHeader { title: qsTr("请核对，然后提交") }

        // The answers on the left and how to get the result with 确认提交 on the right on a
        // landscape screen, leaving the answers the whole height; one above the other on a
        // portrait one.
        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: root.landscape ? 2 : 1
            columnSpacing: Theme.gap * 2
            rowSpacing: Theme.gap
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.gap
                Item {
                    id: pageRoom
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    onHeightChanged: if (root.paged) Qt.callLater(root.paginate)
                    Flickable {
                        id: flick
                        objectName: "reviewList"
                        width: parent.width
                        height: root.pageHeight
                        clip: true
                        interactive: !root.paged
                        contentHeight: body.implicitHeight + Theme.px(24)
                        boundsBehavior: Flickable.StopAtBounds
                        Column {
                            id: body
                            width: flick.width - Theme.px(24)
                            spacing: Theme.px(14)
                            onImplicitHeightChanged: if (root.paged) Qt.callLater(root.paginate)

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
                            // The answers, masked where personal; in two columns where there is room.
                            Flow {
                                id: answers
                                width: body.width
                                spacing: Theme.px(14)
                                readonly property bool twoColumns: width >= Theme.sx(1300)
                                readonly property real cellWidth: twoColumns ? (width - Theme.gap * 2) / 2
                                                                             : width
                            Repeater {
                                model: JSON.parse(journey.fieldsJson)
                                delegate: Row {
                                    required property var modelData
                                    objectName: "reviewRow_" + modelData.id
                                    width: answers.cellWidth
                                    spacing: Theme.gap
                                    Text {
                                        width: Theme.sx(300)
                                        wrapMode: Text.WordWrap
                                        text: modelData.label
                                        font.pixelSize: Theme.fontBody
                                        color: Theme.textMuted
                                    }
                                    Text {
                                        // Leaving a gap before the second column.
                                        width: answers.cellWidth - Theme.sx(300)
                                               - Theme.gap * (answers.twoColumns ? 2 : 1)
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
                            }
                            Text {
                                text: qsTr("材料")
                                font.pixelSize: Theme.fontLarge
                                font.bold: true
                                color: Theme.primary
                            }
                            Repeater {
                                model: JSON.parse(journey.materialsJson)
                                delegate: Flow {
                                    required property var modelData
                                    required property int index
                                    objectName: "reviewMaterial_" + index
                                    width: body.width
                                    spacing: Theme.gap
                                    // The name, and how it was given beside it; under it
                                    // where the two do not fit across (portrait, large type).
                                    readonly property bool beside:
                                        body.width * 0.4 - Theme.gap >= badge.implicitWidth
                                    Text {
                                        width: parent.beside ? body.width * 0.6 : body.width
                                        wrapMode: Text.WordWrap
                                        text: modelData.name
                                        font.pixelSize: Theme.fontBody
                                        color: Theme.text
                                    }
                                    Badge {
                                        id: badge
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
                    visible: !root.paged
                    Layout.fillWidth: true
                    Layout.preferredHeight: more.visible ? more.height : 0
                    MoreHint { id: more; flick: flick; inline: true }
                }
                // Elderly mode: which page, and the way to the others.
                RowLayout {
                    objectName: "reviewPages"
                    visible: root.paged && root.pageCount > 1
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    BigButton {
                        objectName: "reviewPreviousPage"
                        enabled: root.page > 0
                        opacity: enabled ? 1 : 0.4
                        fontSize: Theme.fontBody
                        text: qsTr("‹ 上一页")
                        onClicked: root.turnTo(root.page - 1)
                    }
                    Text {
                        objectName: "reviewPageNumber"
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                        text: qsTr("第 %1 页，共 %2 页").arg(root.page + 1).arg(root.pageCount)
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.text
                    }
                    BigButton {
                        objectName: "reviewNextPage"
                        enabled: root.page + 1 < root.pageCount
                        opacity: enabled ? 1 : 0.4
                            fontSize: Theme.fontBody
                        text: qsTr("下一页 ›")
                        onClicked: root.turnTo(root.page + 1)
                    }
                }
            }

            // 一次送达: by post to the household's address, or collected here; then 确认提交.
            // A column of its own beside the answers on a landscape screen.
            GridLayout {
                Layout.fillWidth: !root.landscape
                Layout.fillHeight: root.landscape
                Layout.preferredWidth: root.landscape ? Theme.sx(420) : -1
                Layout.alignment: Qt.AlignTop
                columns: root.landscape ? 1 : 2
                columnSpacing: Theme.gap
                rowSpacing: Theme.gap
                Text {
                    Layout.columnSpan: root.landscape ? 1 : 2
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
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
                Item { visible: root.landscape; Layout.fillHeight: true }
                BigButton {
                    objectName: "submitButton"
                    Layout.alignment: Qt.AlignRight | Qt.AlignBottom
                    Layout.columnSpan: root.landscape ? 1 : 2
                    Layout.fillWidth: root.landscape
                    Layout.preferredWidth: root.landscape ? -1 : Theme.sx(420)
                    primary: true
                    text: qsTr("确认提交")
                    onClicked: journey.submit()
                }
            }
        }
    }
}
