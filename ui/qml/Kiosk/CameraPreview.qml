import QtQuick
import QtQuick.Shapes
import Kiosk
import KioskCamera

// The live camera picture with what to line up (a face oval, the page's outline, a square for
// a QR code) and one plain instruction under it. Guidance changes only after it has held for a
// moment (longer in elderly mode), so the words do not flicker while the resident moves.
Rectangle {
    id: root
    required property var camera
    property string overlay: "face" // face, page, code
    // The instruction, worded by the screen from `shownGuidance`.
    property string words: ""
    readonly property string shownGuidance: settled.code
    color: "#000000"
    radius: Theme.radius
    clip: true

    QtObject {
        id: settled
        property string code: ""
        property string pending: ""
    }
    Timer {
        id: settle
        interval: Theme.elderly ? 1200 : 400
        onTriggered: settled.code = settled.pending
    }
    Connections {
        target: root.camera
        function onAnalysisChanged() {
            const code = root.camera.guidance
            if (code === settled.pending) return
            settled.pending = code
            if (code === settled.code) settle.stop()
            else settle.restart()
        }
    }

    CameraFrame {
        id: frame
        objectName: "cameraFrame"
        anchors.fill: parent
        camera: root.camera
        // Let go of the view model: its connection would keep this item's Python side
        // alive after the screen is gone, one per visit.
        Component.onDestruction: frame.camera = null
    }

    // Where the picture lies inside the item (it keeps its proportions).
    Item {
        id: picture
        readonly property real aspect: root.camera.frameSize.width > 0
            ? root.camera.frameSize.width / root.camera.frameSize.height : 16 / 9
        width: Math.min(root.width, root.height * aspect)
        height: width / aspect
        anchors.centerIn: parent

        // Face oval: where the head should be. Green once the pose is right.
        Rectangle {
            visible: root.overlay === "face"
            readonly property bool good: root.camera.guidance === "hold_still"
            width: picture.height * 0.42
            height: width * 1.3
            radius: width / 2
            x: (picture.width - width) / 2
            y: picture.height * 0.36 - height / 2
            color: "transparent"
            border.width: Theme.px(8)
            border.color: good ? "#2fd35a" : "#ffffff"
            opacity: 0.9
        }
        // The page as found: its four corners joined.
        Shape {
            visible: root.overlay !== "face" && JSON.parse(root.camera.cornersJson).length === 4
            anchors.fill: parent
            ShapePath {
                strokeWidth: Theme.px(6)
                strokeColor: root.camera.guidance === "page_ok" || root.camera.guidance === "code_found"
                             ? "#2fd35a" : "#ffd400"
                fillColor: "transparent"
                PathPolyline {
                    path: {
                        const c = JSON.parse(root.camera.cornersJson)
                        if (c.length !== 4) return []
                        const p = []
                        for (let i = 0; i <= 4; ++i)
                            p.push(Qt.point(c[i % 4].x * picture.width, c[i % 4].y * picture.height))
                        return p
                    }
                }
            }
        }
        // Where to hold a QR code.
        Rectangle {
            visible: root.overlay === "code"
            width: picture.height * 0.6
            height: width
            anchors.centerIn: parent
            color: "transparent"
            border.width: Theme.px(6)
            border.color: root.camera.guidance === "code_found" ? "#2fd35a" : "#ffffff"
            radius: Theme.radius
        }
        // How long until the photo takes itself.
        Rectangle {
            visible: root.overlay === "face" && root.camera.progress > 0
            anchors.bottom: parent.bottom
            anchors.left: parent.left
            height: Theme.px(12)
            width: parent.width * root.camera.progress
            color: "#2fd35a"
        }
    }

    // 3, 2, 1 before the photo takes itself.
    Text {
        objectName: "photoCountdown"
        visible: root.overlay === "face" && root.camera.countdown > 0
        anchors.centerIn: parent
        text: root.camera.countdown
        font.pixelSize: Theme.px(220)
        font.bold: true
        color: "#ffffff"
        style: Text.Outline
        styleColor: "#000000"
    }

    Rectangle {
        objectName: "guidanceBand"
        visible: root.words !== ""
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: guidance.implicitHeight + Theme.gap * 1.5
        color: "#d9000000"
        Text {
            id: guidance
            objectName: "cameraGuidance"
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 2
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: root.words
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.elderly ? "#ffff00" : "#ffffff"
        }
    }

    // The camera cannot be used: say so, plainly, instead of a black box.
    Rectangle {
        visible: !root.camera.available
        anchors.fill: parent
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.line
        radius: Theme.radius
        Text {
            objectName: "cameraUnavailable"
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 4
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: root.camera.status === "offline" && root.camera.statusDetail === ""
                  ? qsTr("正在打开摄像头，请稍候……")
                  : qsTr("摄像头暂不可用，请联系工作人员。")
            font.pixelSize: Theme.fontTitle
            color: Theme.text
        }
    }
}
