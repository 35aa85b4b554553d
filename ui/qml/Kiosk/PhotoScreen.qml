import QtQuick
import QtQuick.Layouts
import Kiosk

// 拍摄证件照: the live picture with one instruction at a time; the photo takes itself when the
// pose has been right for a moment; then the resident sees it and keeps it or retakes it.
Rectangle {
    id: root
    required property var camera
    signal back()
    signal accepted()
    color: Theme.background
    Component.onCompleted: root.camera.start("photo")
    Component.onDestruction: if (root.camera) root.camera.stop()

    function words(code) {
        switch (code) {
        case "starting": return qsTr("摄像头正在打开，请稍候")
        case "no_face": return qsTr("请站到摄像头前，看着屏幕")
        case "several_faces": return qsTr("请只留一个人在镜头前")
        case "too_dark": return qsTr("光线太暗，请靠近灯光")
        case "too_bright": return qsTr("光线太亮，请避开强光")
        case "face_camera": return qsTr("请正对镜头，把头摆正")
        case "move_closer": return qsTr("请靠近一点")
        case "move_back": return qsTr("请往后退一点")
        case "move_left": return qsTr("请向左移一点")
        case "move_right": return qsTr("请向右移一点")
        case "hold_still": return qsTr("很好，请保持不动")
        case "blink": return qsTr("请眨一下眼睛")
        case "captured": return qsTr("已拍好")
        }
        return ""
    }
    function problem(code) {
        switch (code) {
        case "blurry": return qsTr("照片不够清晰")
        case "too_dark": return qsTr("照片太暗")
        case "too_bright": return qsTr("照片太亮")
        case "background": return qsTr("背景不够干净，请站到浅色的墙前")
        case "move_closer": return qsTr("请靠近一点")
        case "eyes_closed": return qsTr("请睁开眼睛")
        case "head_tilted": return qsTr("请把头摆正")
        case "face_camera": return qsTr("请正对镜头")
        case "backlit": return qsTr("脸部逆光，请背对窗户或灯光")
        case "several_faces": return qsTr("照片里有别人，请一个人拍照")
        case "eyes_low": return qsTr("请抬头")
        case "head_cut": return qsTr("头部没有拍全，请往后退一点")
        }
        return ""
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap * 2
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: root.back()
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("拍摄证件照")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap * 2

            CameraPreview {
                id: preview
                objectName: "photoPreview"
                visible: !root.camera.photoTaken
                Layout.fillWidth: true
                Layout.fillHeight: true
                camera: root.camera
                overlay: "face"
                words: root.words(preview.shownGuidance)
            }
            Rectangle {
                visible: root.camera.photoTaken
                Layout.fillHeight: true
                Layout.fillWidth: true
                color: Theme.surface
                radius: Theme.radius
                Image {
                    objectName: "takenPhoto"
                    anchors.centerIn: parent
                    height: parent.height - Theme.gap * 2
                    width: height * 358 / 441
                    source: root.camera.photoUrl
                    cache: false
                    fillMode: Image.PreserveAspectFit
                }
            }
            ColumnLayout {
                Layout.preferredWidth: Theme.sx(600)
                Layout.maximumWidth: Theme.sx(600)
                Layout.fillWidth: false
                Layout.fillHeight: true
                spacing: Theme.gap
                // The words scroll in their own place; the buttons stay on screen whatever the
                // words' length in elderly sizes.
                Flickable {
                    objectName: "photoWords"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    contentHeight: words.implicitHeight
                    boundsBehavior: Flickable.StopAtBounds
                    ColumnLayout {
                        id: words
                        width: parent.width
                        spacing: Theme.gap
                        Text {
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: root.camera.photoTaken
                                  ? (root.camera.photoProblems.length === 0
                                     ? qsTr("照片已拍好。满意请按“确认使用”。")
                                     : qsTr("照片有问题，建议重拍："))
                                  : qsTr("请摘下帽子，头发不要遮住眉毛和耳朵。看着镜头，不要动，会自动拍照。")
                            font.pixelSize: Theme.fontLarge
                            font.bold: root.camera.photoTaken
                            color: Theme.text
                        }
                        Repeater {
                            model: root.camera.photoProblems
                            Text {
                                required property string modelData
                                Layout.fillWidth: true
                                wrapMode: Text.WordWrap
                                text: "• " + root.problem(modelData)
                                font.pixelSize: Theme.fontLarge
                                color: Theme.accent
                            }
                        }
                        Text {
                            // The face check made with the photo, in plain words (人证比对).
                            objectName: "faceCheckText"
                            visible: root.camera.photoTaken && text !== ""
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: {
                                switch (root.camera.faceCheck) {
                                case "live": return qsTr("✓ 已确认镜头前是真人，不是照片")
                                case "matched": return qsTr("✓ 已确认是您本人，与证件照片一致")
                                // The sandbox's sample photo: a match there proves nothing of who she is.
                                case "matched_sample": return qsTr("✓ 已确认是真人（演示：与示例照片比对）")
                                case "not_matched": return qsTr("和证件上的照片对不上。可以重拍一次，或请工作人员帮忙。")
                                }
                                return ""
                            }
                            font.pixelSize: Theme.fontLarge
                            color: root.camera.faceCheck === "not_matched" ? Theme.accent : Theme.shared
                        }
                    }
                }
                // Side by side: in elderly sizes, one above the other left the words no room.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    BigButton {
                        objectName: "retakePhotoButton"
                        visible: root.camera.photoTaken
                        Layout.fillWidth: true
                        text: qsTr("重新拍摄")
                        onClicked: root.camera.retakePhoto()
                    }
                    BigButton {
                        objectName: "confirmPhotoButton"
                        visible: root.camera.photoTaken
                        Layout.fillWidth: true
                        primary: true
                        text: qsTr("确认使用")
                        onClicked: { root.camera.confirmPhoto(); root.accepted() }
                    }
                }
            }
        }
    }
}
