import QtQuick
import QtQuick.Layouts
import Kiosk

// Write one character with a finger; the likeliest characters come up above the box, and a
// tap on one puts it in the field being filled. Big strokes, big candidates.
Rectangle {
    id: pad
    objectName: "handwritingPad"
    color: Theme.background
    signal chosen(string text)
    signal backspace()

    property var strokes: []    // [[[x, y], ...], ...] in the box's own coordinates
    property var current: []

    // A finished stroke: drawn, and the whole character so far sent to be read.
    function addStroke(points) {
        if (points.length === 0) return
        strokes = strokes.concat([points])
        current = []
        ink.requestPaint()
        handwriting.recognize(JSON.stringify(strokes), Math.round(box.width), Math.round(box.height))
    }

    function clear() {
        strokes = []
        current = []
        ink.requestPaint()
        handwriting.clear()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap / 2

            Text {
                Layout.fillWidth: true
                visible: handwriting.candidates.length === 0
                wrapMode: Text.WordWrap
                text: qsTr("在右边方框里写一个字，写完点上面出来的字")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            Flow {
                objectName: "handwritingCandidates"
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.gap / 2
                Repeater {
                    model: handwriting.candidates
                    delegate: BigButton {
                        objectName: "candidate_" + index
                        width: Theme.target * 1.2
                        height: Theme.target * 1.2
                        fontSize: Theme.fontHuge
                        primary: index === 0
                        text: modelData
                        onClicked: {
                            pad.chosen(modelData)
                            pad.clear()
                        }
                    }
                }
            }
        }

        Rectangle {
            id: box
            objectName: "handwritingBox"
            Layout.fillHeight: true
            Layout.preferredWidth: height
            color: Theme.surface
            border.color: Theme.line
            border.width: Theme.border
            radius: Theme.radius

            // A faint cross, as on the squared paper characters are learnt on.
            Rectangle { anchors.centerIn: parent; width: parent.width - Theme.gap * 2; height: 1; color: Theme.line; opacity: 0.6 }
            Rectangle { anchors.centerIn: parent; height: parent.height - Theme.gap * 2; width: 1; color: Theme.line; opacity: 0.6 }

            Canvas {
                id: ink
                anchors.fill: parent
                onPaint: {
                    const ctx = getContext("2d")
                    ctx.reset()
                    ctx.lineWidth = Theme.px(10)
                    ctx.lineCap = "round"
                    ctx.lineJoin = "round"
                    ctx.strokeStyle = Theme.text
                    for (const stroke of pad.strokes.concat([pad.current])) {
                        if (stroke.length === 0) continue
                        ctx.beginPath()
                        ctx.moveTo(stroke[0][0], stroke[0][1])
                        for (let i = 1; i < stroke.length; ++i) ctx.lineTo(stroke[i][0], stroke[i][1])
                        if (stroke.length === 1) ctx.lineTo(stroke[0][0] + 1, stroke[0][1] + 1)
                        ctx.stroke()
                    }
                }
            }
            MouseArea {
                anchors.fill: parent
                preventStealing: true
                onPressed: (mouse) => {
                    pad.current = [[Math.round(mouse.x), Math.round(mouse.y)]]
                    ink.requestPaint()
                }
                onPositionChanged: (mouse) => {
                    const last = pad.current[pad.current.length - 1]
                    if (!last || Math.abs(mouse.x - last[0]) + Math.abs(mouse.y - last[1]) < 4) return
                    pad.current.push([Math.round(mouse.x), Math.round(mouse.y)])
                    ink.requestPaint()
                }
                onReleased: pad.addStroke(pad.current)
            }
        }

        ColumnLayout {
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.target * 2
            spacing: Theme.gap / 2
            BigButton {
                objectName: "handwritingClear"
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: qsTr("重写")
                onClicked: pad.clear()
            }
            BigButton {
                objectName: "handwritingBackspace"
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: qsTr("删除前一个字")
                onClicked: pad.backspace()
            }
        }
    }
}
