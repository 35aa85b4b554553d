import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 情形引导: one plain question at a time; the answers pick the situation.
Rectangle {
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

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2

        RowLayout {
            spacing: Theme.gap
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: kiosk.back()
            }
            Text {
                Layout.fillWidth: true
                text: kiosk.onethingName
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                // A long English word breaks rather than spills on a narrow screen.
                wrapMode: Text.Wrap
            }
        }

        Text {
            // The total as far as the answers so far tell it: a range while the way on
            // branches into longer and shorter ones, one number once it does not. A line of
            // its own: beside the title it would squeeze it (elderly sizes, English).
            readonly property var q: JSON.parse(kiosk.questionJson)
            objectName: "questionCount"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: q.total === q.totalMost
                  ? qsTr("第 %1 问，共 %2 问").arg(q.step || 1).arg(q.total || 1)
                  : qsTr("第 %1 问，共 %2～%3 问").arg(q.step || 1).arg(q.total).arg(q.totalMost)
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
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

        // Long answer lists (and elderly sizes) scroll; a hint says so while more is below.
        Flickable {
            id: answers
            objectName: "answers"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: options.implicitHeight + moreAnswers.room
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: answers.contentHeight > answers.height
                        ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: Theme.px(16)
            }

            ColumnLayout {
                id: options
                width: answers.width - Theme.px(28)
                spacing: Theme.gap
                Repeater {
                    model: JSON.parse(kiosk.questionJson).options || []
                    delegate: BigButton {
                        required property var modelData
                        required property int index
                        objectName: "option" + index
                        Layout.fillWidth: true
                        Layout.preferredHeight: Math.max(Theme.target * 1.4, implicitHeight)
                        text: modelData
                        onClicked: kiosk.answer(index)
                    }
                }
            }

            MoreHint { id: moreAnswers; flick: answers; parent: answers }
        }
    }
}
