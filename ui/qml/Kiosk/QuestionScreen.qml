import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 情形引导: one plain question at a time; the answers pick the situation.
Rectangle {
    id: root

    // Hidden copies of the answers' words at one type size, to measure what they need.
    component Copies: Repeater {
        id: copies
        property int size
        model: answerArea.choices
        delegate: Text {
            required property var modelData
            width: answerArea.cellWidth - Theme.px(32)
            wrapMode: Text.WordWrap
            font.pixelSize: copies.size
            font.bold: true
            text: modelData
        }
    }
    color: Theme.background

    // What "读一读" reads, and, in elderly mode, what each new question says by itself.
    readonly property string readText: {
        const q = JSON.parse(kiosk.questionJson)
        const options = q.options || []
        let text = q.text || ""
        for (let i = 0; i < options.length; ++i)
            text += "\n" + (i + 1) + "、" + options[i]
        return text
    }
    onReadTextChanged: if (Theme.elderly) kiosk.say(readText)
    Component.onCompleted: if (Theme.elderly) kiosk.say(readText)

    // A landscape screen is short: the count goes beside the title and the lines sit
    // closer, so that the answers below keep the height they need (elderly sizes at 1080).
    readonly property bool wide: width > height

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: root.wide ? Theme.gap : Theme.gap * 2

        GridLayout {
            Layout.fillWidth: true
            columns: root.wide ? 3 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap * 2
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: kiosk.back()
            }
            Text {
                Layout.fillWidth: true
                text: kiosk.onethingName
                // Below the question's size: the question is what the resident answers.
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
                // A long English word breaks rather than spills on a narrow screen.
                wrapMode: Text.Wrap
            }
            Text {
                // The total as far as the answers so far tell it: a range while the way on
                // branches into longer and shorter ones, one number once it does not. On a
                // portrait screen a line of its own: beside the title it would squeeze it
                // (elderly sizes, English).
                readonly property var q: JSON.parse(kiosk.questionJson)
                objectName: "questionCount"
                Layout.columnSpan: root.wide ? 1 : 2
                Layout.fillWidth: !root.wide
                Layout.maximumWidth: root.wide ? root.width / 3 : Number.POSITIVE_INFINITY
                wrapMode: Text.WordWrap
                text: q.total === q.totalMost
                      ? qsTr("第 %1 问，共 %2 问").arg(q.step || 1).arg(q.total || 1)
                      : qsTr("第 %1 问，共 %2～%3 问").arg(q.step || 1).arg(q.total).arg(q.totalMost)
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
            }
        }

        Text {
            objectName: "questionText"
            Layout.fillWidth: true
            text: JSON.parse(kiosk.questionJson).text || ""
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }

        // The answers, every one on screen where it can be: on a landscape screen side by
        // side in two columns, each as tall as the room allows (elderly sizes at 1080 left
        // one answer and a half in one column), in a smaller (still large) type and closer
        // together when long answers would not fit otherwise. A list that still does not
        // fit scrolls, and a hint below it (over no answer) says so while more is below.
        Item {
            id: answerArea
            Layout.fillWidth: true
            Layout.fillHeight: true

            readonly property var choices: JSON.parse(kiosk.questionJson).options || []
            readonly property int columns: root.wide && choices.length > 1 ? 2 : 1
            readonly property int rows: Math.max(1, Math.ceil(choices.length / columns))
            readonly property real cellWidth:
                (width - Theme.px(28) - (columns - 1) * Theme.gap) / columns
            // The height all rows need at a type size and spacing, measured on hidden copies
            // of the answers' words: what is shown never feeds back into what is measured.
            function needed(copies, spacing) {
                if (copies.count !== choices.length)
                    return 0
                let total = (rows - 1) * spacing
                for (let r = 0; r < rows; ++r) {
                    let row = Theme.target
                    for (let c = 0; c < columns; ++c) {
                        const item = copies.itemAt(r * columns + c)
                        if (item)
                            row = Math.max(row, item.implicitHeight + Theme.px(24))
                    }
                    total += row
                }
                return total
            }
            // The largest type (and, when that is too tall, closer rows) at which every
            // answer fits; the smallest one when none does (then the list scrolls).
            readonly property int level: needed(largeCopies, Theme.gap) <= height ? 0
                                         : needed(bodyCopies, Theme.px(12)) <= height ? 1 : 2
            readonly property var copies: [largeCopies, bodyCopies, smallCopies][level]
            readonly property int answerFont:
                [Theme.fontLarge, Theme.fontBody, Theme.fontSmall][level]
            readonly property int spacing: level === 0 ? Theme.gap : Theme.px(12)
            readonly property bool overflow: needed(copies, spacing) > height
            // The room left once every row has what it needs, shared among the rows (up to
            // a roomy height for a short list): no row grows at another's expense.
            readonly property real rowExtra:
                Math.max(0, answers.height - needed(copies, spacing)) / rows

            Item {
                visible: false
                Copies { id: largeCopies; size: Theme.fontLarge }
                Copies { id: bodyCopies; size: Theme.fontBody }
                Copies { id: smallCopies; size: Theme.fontSmall }
            }

            Flickable {
                id: answers
                objectName: "answers"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                height: answerArea.overflow
                        ? parent.height - moreAnswers.height - Theme.px(12) : parent.height
                clip: true
                contentHeight: options.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    policy: answers.contentHeight > answers.height
                            ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    width: Theme.px(16)
                }

                GridLayout {
                    id: options
                    width: answers.width - Theme.px(28)
                    columns: answerArea.columns
                    rowSpacing: answerArea.spacing
                    columnSpacing: Theme.gap
                    Repeater {
                        model: answerArea.choices
                        delegate: BigButton {
                            required property var modelData
                            required property int index
                            objectName: "option" + index
                            Layout.fillWidth: true
                            // Columns of equal width, whatever the answers' lengths.
                            Layout.preferredWidth: 1
                            Layout.fillHeight: true
                            Layout.preferredHeight: Math.min(
                                Math.max(Theme.target * 1.4, implicitHeight),
                                implicitHeight + answerArea.rowExtra)
                            fontSize: answerArea.answerFont
                            text: modelData
                            onClicked: kiosk.answer(index)
                        }
                    }
                }
            }

            MoreHint {
                id: moreAnswers
                flick: answers
                inline: true
                anchors.right: parent.right
                anchors.bottom: parent.bottom
            }
        }
    }
}
