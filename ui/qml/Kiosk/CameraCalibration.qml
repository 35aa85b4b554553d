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
        previewing = section
        kioskCamera.start(previewMode(section))
    }
    function stopPreview() {
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
}
