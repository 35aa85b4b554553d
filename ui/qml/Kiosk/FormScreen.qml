import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 一表申请: one form. What the card and data sharing know is shown, marked where it came
// from; only the rest is asked, with the right keyboard or a picker for each answer.
Rectangle {
    id: root
    color: Theme.background

    function problemText(code) {
        switch (code) {
        case "required": return qsTr("请填写这一项")
        case "too_long": return qsTr("太长了，请写短一些")
        case "not_a_number": return qsTr("请只填数字")
        case "not_a_date": return qsTr("请选择日期")
        case "date_in_future": return qsTr("日期不能晚于今天")
        case "not_an_option": return qsTr("请选择一项")
        case "bad_phone": return qsTr("手机号是 11 位数字，请核对")
        case "bad_id_number": return qsTr("身份证号码不对，请核对最后一位")
        case "bad_credit_code": return qsTr("统一社会信用代码不对，请核对")
        default: return ""
        }
    }

    // The field being typed: kept in view above the keyboard, which shrinks the screen.
    property Item typing: null
    // While the keyboard is up the form gives all its room to the fields (Enter moves on).
    readonly property bool keyboardUp: Qt.inputMethod.visible
    function showTyping() {
        if (!typing || !typing.activeFocus) return
        const top = typing.mapToItem(fieldsColumn, 0, 0).y - Theme.px(60)
        const bottom = top + typing.height + Theme.px(120)
        if (top < flick.contentY) flick.contentY = Math.max(0, top)
        else if (bottom > flick.contentY + flick.height)
            flick.contentY = Math.min(Math.max(0, flick.contentHeight - flick.height),
                                      bottom - flick.height)
    }
    // Elderly mode: the questions a page at a time, turned with 下一步 and 上一步, as the
    // review does, rather than a list that scrolls under her finger. A page never ends inside
    // a question: each starts at the one that did not fit on the page before. A page's errors
    // show when she tries to leave it, and she stays on it.
    readonly property bool paged: Theme.elderly
    property int page: 0
    property var pageStarts: [0]  // where each page's first question lies in the list
    property var pageFirstIds: []  // and which question it is
    readonly property int pageCount: pageStarts.length
    // The first question of the page shown: errors appearing or the keyboard coming and going
    // lay the list out again, and the page that holds it is the one shown after.
    property string anchorId: ""
    property string typingId: ""
    function rows() {
        const out = []
        for (const child of fieldsColumn.children)
            if (child.fieldId !== undefined && child.visible && child.height > 0)
                out.push(child)
        return out.sort((a, b) => a.y - b.y)
    }
    function pageOf(fieldId) {
        const row = rows().find(r => r.fieldId === fieldId)
        if (!row) return -1
        let n = 0
        while (n + 1 < pageStarts.length && pageStarts[n + 1] <= row.y) ++n
        return n
    }
    function paginate() {
        if (!paged || keyboardUp) return
        const room = pageRoom.height
        const starts = [0]
        const firsts = []
        let top = 0
        for (const row of rows()) {
            if (!firsts.length) firsts.push(row.fieldId)
            if (row.y + row.height > top + room && row.y > top) {
                starts.push(row.y)
                firsts.push(row.fieldId)
                top = row.y
            }
        }
        pageStarts = starts
        pageFirstIds = firsts
        const n = anchorId ? pageOf(anchorId) : page
        showPage(Math.max(0, Math.min(n, starts.length - 1)))
    }
    function showPage(n) {
        page = n
        flick.contentY = paged ? pageStarts[n] : 0
    }
    function turnTo(n) {
        showPage(n)
        // As the pages were laid out: the list may be in the middle of being drawn again.
        anchorId = pageFirstIds[n] || ""
    }
    // The open questions on page n, for their errors.
    function pageIds(n) {
        const end = n + 1 < pageStarts.length ? pageStarts[n + 1] : Infinity
        return rows().filter(r => r.asked && r.y >= pageStarts[n] && r.y < end).map(r => r.fieldId)
    }
    // How much of the list this page shows: down to the top of the next page's first question.
    readonly property real pageHeight: !paged || keyboardUp ? pageRoom.height
        : page + 1 < pageCount ? Math.min(pageRoom.height, pageStarts[page + 1] - pageStarts[page])
        : pageRoom.height
    onKeyboardUpChanged: if (paged && !keyboardUp) {
        // Enter may have taken her to a question of a later page: that page is shown.
        if (typingId) anchorId = typingId
        Qt.callLater(paginate)
    }
    Component.onCompleted: if (paged) Qt.callLater(paginate)

    function next() {
        if (!paged) {
            journey.formDone()
            return
        }
        if (!journey.pageDone(pageIds(page)))
            return  // this page's errors show; the list is laid out again around anchorId
        if (page + 1 < pageCount) {
            turnTo(page + 1)
            return
        }
        if (!journey.formDone()) {
            // A question passed with Enter on an earlier page is wrong: to its page.
            const wrong = JSON.parse(journey.fieldsJson).find(f => f.problem)
            if (wrong) anchorId = wrong.id
            Qt.callLater(paginate)
        }
    }

    // Enter moves on to the next field to type; after the last one the keyboard goes away.
    function typeNext(after) {
        let seen = false
        for (let i = 0; i < fieldsRepeater.count; ++i) {
            const box = fieldsRepeater.itemAt(i)
            if (!box) continue
            if (seen && box.typed.visible) { box.typed.forceActiveFocus(); return }
            if (box.typed === after) seen = true
        }
        after.focus = false
        Qt.inputMethod.hide()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        StepHeader {
            title: qsTr("填写申请表")
            visible: !root.keyboardUp
            ownBack: root.paged && root.page > 0
            onBackRequested: root.turnTo(root.page - 1)
        }

        // Elderly mode on a landscape screen: the questions take the whole height on the left,
        // where the sharing note and 下一步 would leave room for one at a time; the note, the
        // page and 下一步 a column of their own on the right.
        GridLayout {
        id: body
        readonly property bool side: root.paged && root.width > root.height && !root.keyboardUp
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: side ? 2 : 1
        columnSpacing: Theme.gap * 2
        rowSpacing: Theme.gap

        // Where the answers already known came from, or why they did not.
        Rectangle {
            id: sharingBox
            visible: !root.keyboardUp
            Layout.row: 0
            Layout.column: body.side ? 1 : 0
            Layout.alignment: Qt.AlignTop
            // offline, card_refused, busy: nothing came, and the resident is told why.
            readonly property bool failed: ["idle", "pending", "done"].indexOf(journey.sharing) < 0
            Layout.fillWidth: !body.side
            Layout.preferredWidth: body.side ? Theme.sx(420) : -1
            implicitHeight: sharingText.implicitHeight + Theme.px(24)
            radius: Theme.radius
            color: failed ? Theme.surface : Theme.sharedBackground
            border.width: Theme.border
            border.color: failed ? Theme.accent : Theme.shared
            Text {
                id: sharingText
                objectName: "sharingText"
                anchors.fill: parent
                anchors.margins: Theme.px(12)
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: sharingBox.failed ? Theme.accent : Theme.shared
                text: {
                    switch (journey.sharing) {
                    case "pending": return qsTr("正在向各部门查询您的信息，请稍候……")
                    case "offline":
                        return qsTr("暂时查不到部门里的信息：请填写下面的空白项，工作人员会帮您核实。")
                    case "card_refused":
                        return qsTr("您的证件没有通过核验，部门不能提供您的信息：请填写下面的空白项，工作人员会帮您核实。")
                    case "busy":
                        return qsTr("这张证件刚才查询太频繁，部门暂停提供信息：请填写下面的空白项，工作人员会帮您核实。")
                    default: return qsTr("绿色的项目已从证件读取或由部门提供，您只需填写空白项。")
                    }
                }
            }
        }

        Item {
          id: pageRoom
          Layout.row: body.side ? 0 : 1
          Layout.column: 0
          Layout.rowSpan: body.side ? 3 : 1
          Layout.fillWidth: true
          Layout.fillHeight: true
          onHeightChanged: if (root.paged) Qt.callLater(root.paginate)
          Flickable {
            id: flick
            objectName: "formList"
            width: parent.width
            height: root.pageHeight
            interactive: !root.paged
            clip: true
            contentHeight: fieldsColumn.implicitHeight + Theme.px(24)
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: Theme.px(16); policy: ScrollBar.AsNeeded }
            onHeightChanged: Qt.callLater(root.showTyping)

            Column {
                id: fieldsColumn
                width: flick.width - Theme.px(24)
                spacing: Theme.px(14)
                onImplicitHeightChanged: if (root.paged) Qt.callLater(root.paginate)

                Repeater {
                    id: fieldsRepeater
                    // The questions to answer first, then what the card and sharing filled in.
                    model: {
                        const fields = JSON.parse(journey.fieldsJson)
                        return fields.filter(f => !f.known).concat(fields.filter(f => f.known))
                    }
                    readonly property int askedCount: JSON.parse(journey.fieldsJson).filter(f => !f.known).length
                    delegate: Rectangle {
                        id: fieldBox
                        required property var modelData
                        required property int index
                        objectName: (modelData.known ? "knownField_" : "askedField_") + modelData.id
                        readonly property Item typed: input
                        readonly property string fieldId: modelData.id
                        readonly property bool asked: !modelData.known
                        width: fieldsColumn.width
                        implicitHeight: fieldColumn.implicitHeight + Theme.px(28)
                        radius: Theme.radius
                        color: modelData.known ? Theme.sharedBackground : Theme.surface
                        border.width: Theme.border
                        border.color: modelData.problem ? Theme.accent
                                      : modelData.known ? Theme.shared : Theme.line

                        Column {
                            id: fieldColumn
                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.top: parent.top
                            anchors.margins: Theme.px(14)
                            spacing: Theme.px(8)

                            Flow {
                                width: parent.width
                                spacing: Theme.px(12)
                                Text {
                                    width: Math.min(implicitWidth, parent.width)
                                    wrapMode: Text.WordWrap
                                    text: fieldBox.modelData.label
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    color: Theme.primary
                                }
                                // The open questions counted: she knows how many are left.
                                Badge {
                                    objectName: "questionCount_" + fieldBox.modelData.id
                                    visible: !fieldBox.modelData.known
                                    text: qsTr("第 %1 问，共 %2 问").arg(fieldBox.index + 1)
                                                                   .arg(fieldsRepeater.askedCount)
                                }
                                Badge {
                                    visible: fieldBox.modelData.known
                                    tint: Theme.shared
                                    text: fieldBox.modelData.source === "card"
                                          ? qsTr("从证件读取")
                                          : fieldBox.modelData.source === "shared"
                                            ? qsTr("由部门提供")
                                            : qsTr("您已提供")
                                }
                            }
                            // Known: shown, masked where personal; nothing to type.
                            Text {
                                visible: fieldBox.modelData.known
                                width: parent.width
                                wrapMode: Text.WordWrap
                                text: fieldBox.modelData.shown
                                font.pixelSize: Theme.fontLarge
                                color: Theme.text
                            }
                            // Asked: a choice is buttons, a date a picker, the rest typed.
                            Flow {
                                visible: !fieldBox.modelData.known && fieldBox.modelData.kind === "choice"
                                width: parent.width
                                spacing: Theme.px(12)
                                Repeater {
                                    model: fieldBox.modelData.kind === "choice" ? fieldBox.modelData.options : []
                                    delegate: BigButton {
                                        required property string modelData
                                        required property int index
                                        objectName: "choice_" + fieldBox.modelData.id + "_" + index
                                        text: fieldBox.modelData.optionLabels[index] || modelData
                                        selected: fieldBox.modelData.value === modelData
                                        onClicked: journey.setValue(fieldBox.modelData.id, modelData)
                                    }
                                }
                            }
                            DatePicker {
                                width: parent.width
                                visible: !fieldBox.modelData.known && fieldBox.modelData.kind === "date"
                                objectName: "date_" + fieldBox.modelData.id
                                value: fieldBox.modelData.value
                                onPicked: (iso) => journey.setValue(fieldBox.modelData.id, iso)
                            }
                            TextField {
                                id: input
                                objectName: "input_" + fieldBox.modelData.id
                                visible: !fieldBox.modelData.known
                                         && ["choice", "date"].indexOf(fieldBox.modelData.kind) < 0
                                width: parent.width
                                height: Theme.target
                                font.pixelSize: Theme.fontLarge
                                text: fieldBox.modelData.value
                                maximumLength: fieldBox.modelData.maxLength
                                inputMethodHints: {
                                    switch (fieldBox.modelData.kind) {
                                    case "phone": return Qt.ImhDialableCharactersOnly | Qt.ImhNoPredictiveText
                                    case "number": return Qt.ImhFormattedNumbersOnly
                                    case "id_number":
                                    case "credit_code":
                                        return Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
                                    default: return Qt.ImhNone
                                    }
                                }
                                onTextEdited: journey.setValue(fieldBox.modelData.id, text)
                                onActiveFocusChanged: if (activeFocus) {
                                    root.typing = input
                                    root.typingId = fieldBox.modelData.id
                                    Qt.callLater(root.showTyping)
                                }
                                onAccepted: root.typeNext(input)
                                background: Rectangle {
                                    radius: Theme.px(8)
                                    border.width: Theme.border
                                    border.color: input.activeFocus ? Theme.primary : Theme.line
                                }
                            }
                            // The hint under the box, not in it: whole at any size, and still
                            // there while she types.
                            Text {
                                objectName: "hint_" + fieldBox.modelData.id
                                visible: !fieldBox.modelData.known && fieldBox.modelData.hint !== ""
                                width: parent.width
                                wrapMode: Text.WordWrap
                                text: fieldBox.modelData.hint
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                            Text {
                                objectName: "problem_" + fieldBox.modelData.id
                                visible: fieldBox.modelData.problem !== ""
                                width: parent.width
                                wrapMode: Text.WordWrap
                                text: "⚠ " + root.problemText(fieldBox.modelData.problem)
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                color: Theme.accent
                            }
                        }
                    }
                }
            }
        }
        }

        Item {
            visible: body.side
            Layout.row: 1
            Layout.column: 1
            Layout.fillHeight: true
        }

        // The "more" hint beside 下一步, not over the fields: it never covers a word.
        GridLayout {
            visible: !root.keyboardUp
            Layout.row: 2
            Layout.column: body.side ? 1 : 0
            Layout.fillWidth: !body.side
            Layout.preferredWidth: body.side ? Theme.sx(420) : -1
            columns: body.side ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            Item {
                Layout.fillWidth: true
                Layout.preferredHeight: root.paged ? pageNumber.implicitHeight : more.height
                MoreHint {
                    id: more
                    flick: root.paged ? null : flick
                    inline: true
                    anchors.verticalCenter: parent.verticalCenter
                }
                // Elderly mode: which page of questions, in place of the scrolling hint.
                Text {
                    id: pageNumber
                    objectName: "formPageNumber"
                    visible: root.paged && root.pageCount > 1
                    width: parent.width
                    anchors.verticalCenter: parent.verticalCenter
                    wrapMode: Text.WordWrap
                    text: qsTr("第 %1 页，共 %2 页").arg(root.page + 1).arg(root.pageCount)
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.text
                }
            }
            BigButton {
                objectName: "nextButton"
                Layout.fillWidth: body.side
                Layout.preferredWidth: body.side ? -1 : Theme.sx(360)
                primary: true
                text: qsTr("下一步 ›")
                onClicked: root.next()
            }
        }
        }
    }
}
