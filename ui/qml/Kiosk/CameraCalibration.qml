import QtQuick
import QtQuick.Layouts
import Kiosk

// 摄像头校准, in maintenance mode: the face camera and the document camera (高拍仪), each set on
// its own. Every change is saved at once (the previous settings kept) and is in force for the
// next photo or page; nothing needs a restart.
Rectangle {
    id: root
    objectName: "cameraCalibration"
    signal done()
    color: Theme.background
    MouseArea { anchors.fill: parent }

    // A problem's code in words (MaintenancePanel's checkWords, translated).
    property var words: function(code) { return code }
    readonly property var cams: JSON.parse(maintenance.cameras)
    readonly property var devices: JSON.parse(maintenance.cameraDevices)
    // The section whose picture is shown now ("": none); one camera view model, one picture.
    property string previewing: ""
    function previewMode(section) { return section === "camera" ? "photo" : "document" }
    function preview(section) {
        testing = ""
        previewing = section
        kioskCamera.start(previewMode(section))
    }
    function stopPreview() {
        testing = ""
        if (previewing === "") return
        previewing = ""
        kioskCamera.stop()
        kioskCamera.clear()  // nothing the preview took stays
    }
    function choose(section, choice) {
        const changes = {"source": choice.source}
        if (choice.mjpg !== null && choice.mjpg !== undefined) changes.mjpg = choice.mjpg
        save(section, changes)
        preview(section)  // the new device is shown as soon as it is saved
    }
    function choiceText(choice) {
        if (choice.kind === "v4l2") return choice.name !== "" ? choice.name : qsTr("摄像头")
        if (choice.kind === "file") return qsTr("模拟画面（文件）")
        return qsTr("已配置，但没有找到")
    }
    function choiceDetail(choice) {
        let parts = [choice.path]
        if (choice.formats.length > 0) parts.push(choice.formats.join(" "))
        if (choice.mjpg === true) parts.push(qsTr("支持 MJPG"))
        else if (choice.mjpg === false) parts.push(qsTr("不支持 MJPG"))
        return parts.join(" · ")
    }
    onVisibleChanged: {
        // Later: what they change re-evaluates `visible` itself (a binding loop now).
        if (visible) Qt.callLater(maintenance.findCameras)
        else Qt.callLater(stopPreview)
    }
    // The technician's test through the residents' own pipeline, on the camera previewed:
    // "photo" (拍测试证件照: GA 461) or "page" (拍测试材料页: the page straightened); "" none.
    // What it takes stays in the camera's memory only and is dropped on 完成.
    property string testing: ""
    property int pagesBefore: 0
    readonly property var measures: JSON.parse(kioskCamera.photoMeasures)
    readonly property var pageInfo: JSON.parse(kioskCamera.pagesInfo)
    readonly property bool resultShown: testing === "photo" ? kioskCamera.photoTaken
        : testing === "page" ? kioskCamera.pages.length > pagesBefore : false
    function testPhoto() {
        testing = "photo"
        kioskCamera.retakePhoto()  // taken anew, as the resident's is, when the pose is held
    }
    function testPage() {
        testing = "page"
        kioskCamera.newMaterial()  // one test page at a time in memory
        pagesBefore = 0
        kioskCamera.capturePage()
    }
    function endTest() {
        if (testing === "photo") kioskCamera.retakePhoto()
        else if (testing === "page") kioskCamera.newMaterial()
        testing = ""
    }
    function guidanceWords(code) {
        switch (code) {
        case "starting": return qsTr("摄像头正在打开，请稍候")
        case "no_face": return qsTr("请站到摄像头前，看着屏幕")
        case "several_faces": return qsTr("请只留一个人在镜头前")
        case "too_dark": return qsTr("光线太暗")
        case "too_bright": return qsTr("光线太亮")
        case "face_camera": return qsTr("请正对镜头，把头摆正")
        case "move_closer": return qsTr("请靠近一点")
        case "move_back": return qsTr("请往后退一点")
        case "move_left": return qsTr("请向左移一点")
        case "move_right": return qsTr("请向右移一点")
        case "hold_still": return qsTr("很好，请保持不动")
        case "blink": return qsTr("请眨一下眼睛")
        case "no_page": return qsTr("画面里没有找到纸张：放好一页纸，再点“拍测试材料页”")
        case "page_far": return qsTr("纸张太小，请放近一点")
        case "blurry": return qsTr("拍得不清楚")
        }
        return qsTr("正在拍…")
    }
    function problemWords(code) {
        switch (code) {
        case "blurry": return qsTr("照片不够清晰")
        case "too_dark": return qsTr("照片太暗")
        case "too_bright": return qsTr("照片太亮")
        case "background": return qsTr("背景不够白")
        case "move_closer": return qsTr("人离镜头太远")
        case "eyes_closed": return qsTr("眼睛闭着")
        case "head_tilted": return qsTr("头是歪的")
        case "face_camera": return qsTr("没有正对镜头")
        case "backlit": return qsTr("脸部逆光")
        case "several_faces": return qsTr("照片里不止一个人")
        case "eyes_low": return qsTr("眼睛位置太低")
        case "head_cut": return qsTr("头部没有拍全")
        }
        return code
    }
    // A measure [value, low, high] (or [value, least]) as words, and whether it is in range.
    function inRange(m) { return m.length > 2 ? m[0] >= m[1] && m[0] <= m[2] : m[0] >= m[1] }
    function save(section, changes) { maintenance.calibrate(section, JSON.stringify(changes)) }
    function onOff(v) { return v ? qsTr("开") : qsTr("关") }
    function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)) }

    component CalRow: RowLayout {
        id: calRow
        property string label
        property string value
        default property alias buttons: holder.data
        Layout.fillWidth: true
        spacing: Theme.gap
        Text {
            Layout.preferredWidth: Theme.sx(200)
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.text
            text: calRow.label
        }
        Text {
            Layout.fillWidth: true
            font.pixelSize: Theme.fontBody
            color: Theme.text
            text: calRow.value
            elide: Text.ElideRight
        }
        RowLayout { id: holder; spacing: Theme.px(8) }
    }
    // While one change is being saved the next taps still count (saved right after it).
    readonly property bool canChange: maintenance.busy === "" || maintenance.busy.indexOf("calibrate:") === 0
    component SmallButton: BigButton {
        Layout.preferredWidth: Theme.sx(130)
        fontSize: Theme.fontBody
        enabled: root.canChange
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            Text {
                Layout.fillWidth: true
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                text: qsTr("设备维护中 · 摄像头校准")
            }
            BigButton {
                objectName: "calibrationDone"
                Layout.preferredWidth: Theme.sx(260)
                fontSize: Theme.fontBody
                primary: true
                text: qsTr("完成")
                onClicked: { root.stopPreview(); root.done() }
            }
        }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: maintenance.problem !== "" ? Theme.fontBody : Theme.fontSmall
            color: maintenance.problem !== "" ? Theme.accent : Theme.textMuted
            objectName: "calibrationProblem"
            // A refusal is what the technician must see first: larger, bold.
            font.bold: maintenance.problem !== ""
            text: maintenance.problem !== "" ? root.words(maintenance.problem)
                : maintenance.busy.indexOf("calibrate") === 0 ? qsTr("正在保存…")
                : qsTr("每次改动立即保存，下一次拍照就用新的设置；上一份设置自动留作备份。")
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap * 2
            Repeater {
                model: ["camera", "document_camera"]
                delegate: Rectangle {
                    id: card
                    required property string modelData
                    readonly property string section: modelData
                    readonly property var c: root.cams[section] || {}
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    radius: Theme.radius
                    color: Theme.surface
                    border.width: Theme.border
                    border.color: Theme.line

                    Flickable {
                        // Scrolls when the rows do not fit (the document camera has one more).
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        clip: true
                        contentHeight: rows.implicitHeight
                        boundsBehavior: Flickable.StopAtBounds
                    ColumnLayout {
                        id: rows
                        width: parent.width
                        spacing: Theme.px(4)
                        Text {
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.text
                            text: (card.section === "camera" ? qsTr("人像摄像头（拍证件照）")
                                                             : qsTr("高拍仪（拍材料、扫二维码）"))
                                  + "  " + card.c.width + "×" + card.c.height
                        }
                        // The device: one big button per camera found, the one in use marked.
                        Text {
                            objectName: "cal_" + card.section + "_devices_note"
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontBody
                            font.bold: !root.devices.found
                            color: root.devices.found ? Theme.textMuted : Theme.accent
                            text: root.devices.searching ? qsTr("正在查找摄像头…")
                                : root.devices.found ? qsTr("选择设备（点一下即保存并预览）：")
                                : qsTr("没有找到摄像头（V4L2 设备）。现在用的是：")
                        }
                        Repeater {
                            model: root.devices.choices
                            delegate: BigButton {
                                required property var modelData
                                required property int index
                                objectName: "cal_" + card.section + "_device_" + index
                                Layout.fillWidth: true
                                fontSize: Theme.fontBody
                                enabled: root.canChange
                                // The same camera when the section names it by path or index.
                                selected: modelData.source === card.c.source
                                          || modelData.path === card.c.source
                                          || modelData.path === "/dev/video" + card.c.source
                                text: (selected ? "✓ " : "") + root.choiceText(modelData)
                                subtext: root.choiceDetail(modelData)
                                onClicked: root.choose(card.section, modelData)
                            }
                        }
                        Text {
                            // Said above the picture, where it is seen before any scrolling.
                            Layout.fillWidth: true
                            visible: root.previewing === card.section
                                     && card.section === "document_camera" && !card.c.enabled
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.accent
                            text: qsTr("高拍仪未使用：这是人像摄像头的画面")
                        }
                        // The test through the residents' pipeline, on this camera as calibrated.
                        RowLayout {
                            Layout.fillWidth: true
                            visible: root.previewing === card.section
                            spacing: Theme.px(8)
                            BigButton {
                                objectName: "cal_" + card.section + "_test"
                                Layout.preferredWidth: Theme.sx(320)
                                fontSize: Theme.fontBody
                                primary: true
                                enabled: kioskCamera.available
                                text: card.section === "camera" ? qsTr("拍测试证件照") : qsTr("拍测试材料页")
                                onClicked: card.section === "camera" ? root.testPhoto() : root.testPage()
                            }
                            Text {
                                objectName: "cal_" + card.section + "_test_guidance"
                                Layout.fillWidth: true
                                visible: root.testing !== "" && !root.resultShown
                                wrapMode: Text.WordWrap
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                color: Theme.text
                                text: root.guidanceWords(kioskCamera.guidance)
                            }
                        }
                        // The picture, as the next photo or page will see it.
                        Rectangle {
                            Layout.fillWidth: true
                            Layout.preferredHeight: root.previewing === card.section
                                                    ? width * 9 / 16 : Theme.target
                            radius: Theme.radius
                            color: root.previewing === card.section ? "#000000" : "transparent"
                            CameraPreview {
                                objectName: "cal_" + card.section + "_preview"
                                anchors.fill: parent
                                visible: root.previewing === card.section
                                camera: kioskCamera
                                overlay: card.section === "camera" ? "face" : "page"
                                words: kioskCamera.available ? ""
                                    : qsTr("没有画面：%1").arg(kioskCamera.statusDetail)
                            }
                            BigButton {
                                objectName: "cal_" + card.section + "_preview_button"
                                anchors.fill: parent
                                visible: root.previewing !== card.section
                                fontSize: Theme.fontBody
                                text: card.section === "document_camera" && !card.c.enabled
                                      ? qsTr("预览（高拍仪未使用：显示人像摄像头）")
                                      : qsTr("预览画面")
                                onClicked: root.preview(card.section)
                            }
                        }
                        CalRow {
                            visible: card.section === "document_camera"
                            label: qsTr("使用")
                            value: card.c.enabled ? qsTr("使用高拍仪") : qsTr("不用，由人像摄像头拍材料")
                            SmallButton {
                                objectName: "cal_" + card.section + "_enabled"
                                text: qsTr("切换")
                                onClicked: root.save(card.section, {"enabled": !card.c.enabled})
                            }
                        }
                        CalRow {
                            label: qsTr("旋转")
                            value: card.c.rotation + "°"
                            SmallButton {
                                objectName: "cal_" + card.section + "_rotate"
                                text: qsTr("转 90°")
                                onClicked: root.save(card.section, {"rotation": (card.c.rotation + 90) % 360})
                            }
                        }
                        CalRow {
                            label: qsTr("镜像")
                            value: root.onOff(card.c.mirror)
                            SmallButton {
                                objectName: "cal_" + card.section + "_mirror"
                                text: qsTr("切换")
                                onClicked: root.save(card.section, {"mirror": !card.c.mirror})
                            }
                        }
                        CalRow {
                            label: qsTr("MJPG 压缩")
                            value: root.onOff(card.c.mjpg)
                            SmallButton {
                                objectName: "cal_" + card.section + "_mjpg"
                                text: qsTr("切换")
                                onClicked: root.save(card.section, {"mjpg": !card.c.mjpg})
                            }
                        }
                        CalRow {
                            label: qsTr("曝光")
                            value: card.c.exposure === null ? qsTr("自动") : String(card.c.exposure)
                            SmallButton {
                                text: qsTr("自动")
                                onClicked: root.save(card.section, {"exposure": null})
                            }
                            SmallButton {
                                objectName: "cal_" + card.section + "_exposure_down"
                                text: "−"
                                onClicked: root.save(card.section, {"exposure": Math.round((card.c.exposure === null ? 156 : card.c.exposure) * 0.8)})
                            }
                            SmallButton {
                                text: "+"
                                onClicked: root.save(card.section, {"exposure": Math.round((card.c.exposure === null ? 156 : card.c.exposure) * 1.25)})
                            }
                        }
                        CalRow {
                            label: qsTr("对焦")
                            value: card.c.focus === null ? qsTr("自动") : String(card.c.focus)
                            SmallButton {
                                text: qsTr("自动")
                                onClicked: root.save(card.section, {"focus": null})
                            }
                            SmallButton {
                                text: "−"
                                onClicked: root.save(card.section, {"focus": root.clamp((card.c.focus === null ? 100 : card.c.focus) - 10, 0, 1000)})
                            }
                            SmallButton {
                                text: "+"
                                onClicked: root.save(card.section, {"focus": root.clamp((card.c.focus === null ? 100 : card.c.focus) + 10, 0, 1000)})
                            }
                        }
                        CalRow {
                            label: qsTr("白平衡")
                            value: card.c.white_balance === null ? qsTr("自动") : card.c.white_balance + " K"
                            SmallButton {
                                text: qsTr("自动")
                                onClicked: root.save(card.section, {"white_balance": null})
                            }
                            SmallButton {
                                text: "−"
                                onClicked: root.save(card.section, {"white_balance": root.clamp((card.c.white_balance === null ? 4600 : card.c.white_balance) - 400, 2000, 10000)})
                            }
                            SmallButton {
                                text: "+"
                                onClicked: root.save(card.section, {"white_balance": root.clamp((card.c.white_balance === null ? 4600 : card.c.white_balance) + 400, 2000, 10000)})
                            }
                        }
                        CalRow {
                            label: qsTr("裁剪")
                            value: card.c.crop && card.c.crop[2] >= 0.999 && card.c.crop[3] >= 0.999
                                   ? qsTr("全画面")
                                   : qsTr("中间 %1%").arg(Math.round((card.c.crop ? card.c.crop[2] : 1) * 100))
                            SmallButton {
                                text: qsTr("全画面")
                                onClicked: root.save(card.section, {"crop": [0.0, 0.0, 1.0, 1.0]})
                            }
                            SmallButton {
                                objectName: "cal_" + card.section + "_crop_in"
                                text: qsTr("收小")
                                onClicked: {
                                    const w = Math.max(0.3, card.c.crop[2] - 0.1)
                                    const h = Math.max(0.3, card.c.crop[3] - 0.1)
                                    root.save(card.section, {"crop": [(1 - w) / 2, (1 - h) / 2, w, h]})
                                }
                            }
                        }
                    }
                    }
                }
            }
        }
    }

    // The test's result, over the whole screen: what the resident's photo or page would be.
    Rectangle {
        objectName: "calibrationTestResult"
        anchors.fill: parent
        visible: root.resultShown
        color: Theme.background
        MouseArea { anchors.fill: parent }
        RowLayout {
            anchors.fill: parent
            anchors.margins: Theme.gap * 2
            spacing: Theme.gap * 2
            Rectangle {
                Layout.fillHeight: true
                Layout.preferredWidth: root.testing === "photo"
                    ? height * 358 / 441 : parent.width * 0.6
                color: "#000000"
                Image {
                    objectName: "calibrationTestImage"
                    anchors.fill: parent
                    fillMode: Image.PreserveAspectFit
                    cache: false
                    source: !root.resultShown ? ""
                        : root.testing === "photo" ? kioskCamera.photoUrl
                        : kioskCamera.pages[kioskCamera.pages.length - 1]
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.gap
                Text {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                    text: root.testing === "photo" ? qsTr("测试证件照") : qsTr("测试材料页")
                }
                Text {
                    // The verdict first, in plain words: what a technician in a hurry reads.
                    objectName: "calibrationTestVerdict"
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    readonly property bool good: root.testing === "photo"
                        ? (root.measures.problems || []).length === 0
                        : root.pageInfo.length > 0 && root.pageInfo[root.pageInfo.length - 1].sharp
                    color: good ? Theme.shared : Theme.accent
                    text: root.testing === "photo"
                        ? (good ? qsTr("符合证件照要求")
                           : qsTr("不合格：%1").arg((root.measures.problems || [])
                                .map(p => root.problemWords(p)).join(qsTr("、"))))
                        : (good ? qsTr("页面清楚") : qsTr("页面不清楚：请调焦、补光或放稳"))
                }
                Repeater {
                    // The photo's GA 461 measures against the rule's limits.
                    model: root.testing === "photo" && root.measures.placed ? [
                        {"m": root.measures.face_width,
                         "t": qsTr("脸宽 %1 像素（要求 %2–%3）")},
                        {"m": root.measures.head_top,
                         "t": qsTr("头顶距上边 %1 像素（要求 %2–%3）")},
                        {"m": root.measures.eyes_above_bottom,
                         "t": qsTr("双眼距下边 %1 像素（要求至少 %2）")},
                    ] : []
                    Text {
                        required property var modelData
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        font.pixelSize: Theme.fontBody
                        color: root.inRange(modelData.m) ? Theme.text : Theme.accent
                        text: (root.inRange(modelData.m) ? "✓ " : "✗ ")
                            + (modelData.m.length > 2
                               ? modelData.t.arg(modelData.m[0]).arg(modelData.m[1]).arg(modelData.m[2])
                               : modelData.t.arg(modelData.m[0]).arg(modelData.m[1]))
                    }
                }
                Text {
                    objectName: "calibrationTestDetail"
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                    text: {
                        if (!root.resultShown) return ""
                        if (root.testing === "photo") {
                            const m = root.measures
                            let t = qsTr("%1×%2 像素 · 清晰度 %3").arg(m.width).arg(m.height).arg(m.sharpness)
                            if (!m.placed)
                                t += "\n" + qsTr("没有找到面部特征点：按人脸框裁剪，没有脸宽、头顶、眼睛的测量")
                            return t
                        }
                        const p = root.pageInfo[root.pageInfo.length - 1]
                        return qsTr("拉正后 %1×%2 像素 · 纸张约 %3×%4 毫米 · %5 dpi · 清晰度 %6")
                            .arg(p.width).arg(p.height).arg(p.mm[0]).arg(p.mm[1]).arg(p.dpi).arg(p.sharpness)
                    }
                }
                Text {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                    text: qsTr("只在本屏显示，不保存；点“完成”即清除")
                }
                Item { Layout.fillHeight: true }
                RowLayout {
                    spacing: Theme.gap
                    BigButton {
                        objectName: "calibrationTestAgain"
                        Layout.preferredWidth: Theme.sx(300)
                        fontSize: Theme.fontBody
                        text: qsTr("再拍一次")
                        onClicked: root.testing === "photo" ? root.testPhoto() : root.testPage()
                    }
                    BigButton {
                        objectName: "calibrationTestBack"
                        Layout.preferredWidth: Theme.sx(300)
                        fontSize: Theme.fontBody
                        primary: true
                        text: qsTr("返回校准")
                        onClicked: root.endTest()
                    }
                }
            }
        }
    }
}
