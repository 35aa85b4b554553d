import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// 告知承诺 and the signature: each commitment in full, then one signature, drawn with a
// finger, under "I have read and promise".
Rectangle {
    id: root
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        StepHeader {
            title: JSON.parse(journey.commitmentsJson).length ? qsTr("阅读承诺并签名") : qsTr("确认并签名")
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.px(160)
            Flickable {
                id: flick
                anchors.fill: parent
                clip: true
                // Room for the hint only when there is more to see than fits.
                contentHeight: texts.implicitHeight
                               + (texts.implicitHeight > height ? more.room : 0)
                boundsBehavior: Flickable.StopAtBounds
                Column {
                    id: texts
                    width: flick.width - Theme.px(24)
                    spacing: Theme.px(16)
                    Repeater {
                        model: JSON.parse(journey.commitmentsJson)
                        delegate: Rectangle {
                            required property var modelData
                            width: texts.width
                            implicitHeight: commitmentColumn.implicitHeight + Theme.px(28)
                            radius: Theme.radius
                            color: Theme.surface
                            border.width: Theme.border
                            border.color: Theme.commitment
                            Column {
                                id: commitmentColumn
                                anchors.left: parent.left
                                anchors.right: parent.right
                                anchors.top: parent.top
                                anchors.margins: Theme.px(14)
                                spacing: Theme.px(8)
                                Text {
                                    width: parent.width
                                    wrapMode: Text.WordWrap
                                    text: qsTr("代替材料：%1").arg(modelData.name)
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    color: Theme.commitment
                                }
                                Text {
                                    width: parent.width
                                    wrapMode: Text.WordWrap
                                    text: modelData.text
                                    font.pixelSize: Theme.fontBody
                                    lineHeight: 1.2
                                    color: Theme.text
                                }
                            }
                        }
                    }
                    Text {
                        width: texts.width
                        wrapMode: Text.WordWrap
                        text: JSON.parse(journey.commitmentsJson).length
                              ? qsTr("我已阅读以上承诺，保证所填信息真实。签名即表示同意。")
                              : qsTr("我保证所填信息真实。请在下面签名。")
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.text
                    }
                }
            }
            MoreHint { id: more; flick: flick }
        }

        // The signing pad: strokes go to the view model as fractions of the pad.
        Rectangle {
            id: pad
            objectName: "signaturePad"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.sx(260)
            radius: Theme.radius
            color: "#ffffff"
            border.width: Theme.border * 2
            border.color: journey.signatureOk ? Theme.shared : Theme.primary
            property var current: []

            Text {
                anchors.centerIn: parent
                visible: JSON.parse(journey.strokesJson).length === 0 && pad.current.length === 0
                text: qsTr("请用手指在这里签名")
                font.pixelSize: Theme.fontTitle
                color: Theme.line
            }
            Rectangle {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: Theme.gap
                anchors.bottomMargin: parent.height * 0.25
                height: Theme.px(2)
                color: Theme.line
            }
            Canvas {
                id: ink
                anchors.fill: parent
                onPaint: {
                    const ctx = getContext("2d")
                    ctx.reset()
                    ctx.lineWidth = Theme.px(6)
                    ctx.lineCap = "round"
                    ctx.lineJoin = "round"
                    ctx.strokeStyle = "#000000"
                    const all = JSON.parse(journey.strokesJson).concat([pad.current])
                    for (const stroke of all) {
                        if (!stroke || stroke.length === 0) continue
                        ctx.beginPath()
                        ctx.moveTo(stroke[0].x * width, stroke[0].y * height)
                        for (let i = 1; i < stroke.length; ++i)
                            ctx.lineTo(stroke[i].x * width, stroke[i].y * height)
                        if (stroke.length === 1)
                            ctx.lineTo(stroke[0].x * width + 1, stroke[0].y * height + 1)
                        ctx.stroke()
                    }
                }
                Connections {
                    target: journey
                    function onChanged() { ink.requestPaint() }
                }
            }
            MouseArea {
                anchors.fill: parent
                preventStealing: true
                function point(m) {
                    return { x: Math.max(0, Math.min(1, m.x / width)), y: Math.max(0, Math.min(1, m.y / height)) }
                }
                onPressed: (m) => { pad.current = [point(m)]; ink.requestPaint() }
                onPositionChanged: (m) => { pad.current = pad.current.concat([point(m)]); ink.requestPaint() }
                onReleased: { journey.addStroke(pad.current); pad.current = [] }
            }
        }

        RowLayout {
            spacing: Theme.gap * 2
            BigButton {
                objectName: "clearSignature"
                text: qsTr("重新签")
                onClicked: journey.clearSignature()
            }
            Text {
                Layout.fillWidth: true
                visible: JSON.parse(journey.strokesJson).length > 0 && !journey.signatureOk
                wrapMode: Text.WordWrap
                text: qsTr("签名太短了，请写全您的名字")
                font.pixelSize: Theme.fontBody
                color: Theme.accent
            }
            Item { Layout.fillWidth: true; visible: !(JSON.parse(journey.strokesJson).length > 0 && !journey.signatureOk) }
            BigButton {
                objectName: "nextButton"
                Layout.preferredWidth: Theme.sx(360)
                primary: true
                enabled: journey.signatureOk
                opacity: enabled ? 1.0 : 0.4
                text: qsTr("下一步 ›")
                onClicked: journey.signDone()
            }
        }
    }
}
