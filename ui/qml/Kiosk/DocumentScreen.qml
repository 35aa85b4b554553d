import QtQuick
import QtQuick.Layouts
import Kiosk

// 拍摄材料: one material, page by page. Each page is straightened and shown small below; any
// page can be taken again or removed; "完成" hands the pages over as one file.
Rectangle {
    id: root
    required property var camera
    property string materialName: ""
    signal back()
    signal finished()
    color: Theme.background
    Component.onCompleted: root.camera.start("document")
    Component.onDestruction: if (root.camera) root.camera.stop()

    function words(code) {
        switch (code) {
        case "no_page": return qsTr("请把材料平放在拍摄区内")
        case "page_far": return qsTr("请把材料放近一些，让它占满画面")
        case "hold_still": return qsTr("请保持不动")
        case "blurry": return qsTr("拍得不清楚，请重拍这一页")
        case "page_ok": return qsTr("可以拍了，请按“拍下这一页”")
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
                text: qsTr("拍摄材料：%1").arg(root.materialName)
                elide: Text.ElideRight
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
                objectName: "documentPreview"
                Layout.fillWidth: true
                Layout.fillHeight: true
                camera: root.camera
                overlay: "page"
                words: root.words(preview.shownGuidance)
            }
            ColumnLayout {
                Layout.preferredWidth: Theme.sx(380)
                Layout.maximumWidth: Theme.sx(380)
                Layout.fillWidth: false
                Layout.fillHeight: true
                spacing: Theme.gap
                Text {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: qsTr("一页一页地拍。每页拍好后会显示在下方。")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
                Item { Layout.fillHeight: true }
                BigButton {
                    objectName: "capturePageButton"
                    Layout.fillWidth: true
                    primary: true
                    enabled: root.camera.available
                    text: root.camera.retaking >= 0
                          ? qsTr("重拍第%1页").arg(root.camera.retaking + 1) : qsTr("拍下这一页")
                    onClicked: root.camera.capturePage()
                }
                BigButton {
                    objectName: "finishMaterialButton"
                    Layout.fillWidth: true
                    visible: root.camera.pages.length > 0
                    text: qsTr("完成，共%1页").arg(root.camera.pages.length)
                    onClicked: { root.camera.finishMaterial(root.materialName); root.finished() }
                }
            }
        }
        ListView {
            id: strip
            objectName: "pageStrip"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.sx(250)
            visible: count > 0
            orientation: ListView.Horizontal
            spacing: Theme.gap
            clip: true
            model: root.camera.pages
            delegate: Rectangle {
                required property int index
                required property string modelData
                width: Theme.sx(330)
                height: strip.height
                radius: Theme.radius
                color: Theme.surface
                border.width: root.camera.retaking === index ? Theme.px(6) : Theme.border
                border.color: root.camera.retaking === index ? Theme.accent : Theme.line
                Image {
                    id: thumb
                    x: Theme.px(8)
                    y: Theme.px(8)
                    width: Theme.sx(110)
                    height: parent.height - Theme.px(16)
                    source: modelData
                    sourceSize.height: 300
                    cache: false
                    fillMode: Image.PreserveAspectFit
                }
                Column {
                    anchors.left: thumb.right
                    anchors.right: parent.right
                    anchors.margins: Theme.px(8)
                    anchors.verticalCenter: parent.verticalCenter
                    spacing: Theme.px(8)
                    Text {
                        text: qsTr("第%1页").arg(index + 1)
                            + (root.camera.pageSharp[index] ? "" : qsTr("（不清楚）"))
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: root.camera.pageSharp[index] ? Theme.text : Theme.accent
                    }
                    BigButton {
                        width: parent.width
                        text: qsTr("重拍")
                        fontSize: Theme.fontBody
                        onClicked: root.camera.retakePage(index)
                    }
                    BigButton {
                        width: parent.width
                        text: qsTr("删除")
                        fontSize: Theme.fontBody
                        onClicked: root.camera.removePage(index)
                    }
                }
            }
        }
    }
}
