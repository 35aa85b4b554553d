import QtQuick
import QtQuick.Layouts
import Kiosk

// 受理: the acceptance number, large, and the printed notice's state in plain words.
Rectangle {
    id: root
    color: Theme.background
    readonly property var s: JSON.parse(journey.submissionJson)
    readonly property bool failed: ["paper_out", "cover_open", "offline", "error", "no_printer",
                                    "expired", "may_have_printed", "not_printed"]
                                   .indexOf(journey.printState) >= 0
    // The printer could not say whether the notice came out, or failed too often to try
    // again by itself: it is never printed twice unasked (a second copy is someone's
    // personal data in the wrong hands), so she looks, and asks again if it is not there.
    readonly property bool askAgain: ["may_have_printed", "not_printed"]
                                     .indexOf(journey.printState) >= 0

    function printText(state) {
        switch (state) {
        case "queued":
        case "printing": return qsTr("正在打印受理回执，请稍候……")
        case "paper_low": return qsTr("正在打印受理回执，请稍候……")
        case "done": return qsTr("受理回执已打印，请从出纸口取走。")
        case "paper_out": return qsTr("打印纸用完了，请联系工作人员；回执会在换纸后自动打印。")
        case "cover_open": return qsTr("打印机盖没有关好，请联系工作人员。")
        case "offline": return qsTr("打印机暂时不能用，请联系工作人员；也可以用手机扫描回执二维码查看进度。")
        case "no_printer": return qsTr("本机没有打印机：请记下受理编号，或到窗口打印回执。")
        case "error": return qsTr("打印机出了故障，请联系工作人员；也可以用手机扫描二维码查看进度。")
        case "expired": return qsTr("回执没能打印，请到窗口请工作人员补打。")
        case "may_have_printed": return qsTr("收据可能已打印，请查看出纸口；没有的话点重新打印")
        case "not_printed": return qsTr("回执没能打印出来，请联系工作人员；也可以点重新打印再试一次。")
        case "nothing_to_reprint": return qsTr("还没有可以再打印的回执。")
        default: return ""
        }
    }

    // 好差评 comes by itself once she has had time to read the number (§8.2: shown
    // automatically after the application); the button is there for those who are quicker.
    Timer {
        running: journey.printState === "done" || journey.printState === "no_printer"
        interval: kiosk.receiptSeconds * 1000  // the idle policy's (kiosk.idle)
        onTriggered: journey.toRating()
    }

    // No paper in her hand: the progress page's QR code on the screen instead, beside the
    // number, so that the buttons stay on the screen.
    Column {
        id: qrBox
        objectName: "screenQr"
        visible: root.failed
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.gap * 2
        width: Theme.sx(260)
        spacing: Theme.px(12)
        Image {
            width: parent.width
            height: width
            sourceSize.width: width
            sourceSize.height: height
            smooth: false
            source: root.failed && root.s.progressUrl
                    ? "image://qr/" + encodeURIComponent(root.s.progressUrl) : ""
        }
        Text {
            width: parent.width
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("用手机扫这个二维码，随时查看办理进度")
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.text
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        anchors.rightMargin: root.failed ? qrBox.width + Theme.gap * 3 : Theme.gap * 2
        spacing: Theme.gap

        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: root.s.offline ? qsTr("申请已保存，联网后自动提交") : qsTr("申请已受理")
            // Elderly sizes are large already: the huge ones would push the buttons off.
            font.pixelSize: Theme.elderly ? Theme.fontTitle : Theme.fontHuge
            font.bold: true
            color: Theme.shared
        }
        Text {
            text: root.s.offline ? qsTr("本机编号") : qsTr("受理编号")
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
        }
        Text {
            objectName: "acceptanceNumber"
            Layout.fillWidth: true
            wrapMode: Text.WrapAnywhere
            text: root.s.number || ""
            font.pixelSize: Theme.elderly ? Theme.fontTitle * 1.2 : Theme.fontHuge
            font.bold: true
            font.family: "monospace"
            color: Theme.text
        }
        // What she applied for, by when, and how the results come back.
        Text {
            objectName: "receiptSummary"
            // In elderly type there is room for the printer's message or this, not both.
            visible: !(root.failed && Theme.elderly)
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: (root.s.onething || "") + qsTr("，")
                  + (root.s.due ? qsTr("%n 个工作日内办结，%1 前", "", root.s.days || 0).arg(root.s.due)
                                : qsTr("%n 个工作日内办结", "", root.s.days || 0)) + "\n"
                  + (root.s.delivery === "post" ? qsTr("结果将邮寄到家") : qsTr("结果请到窗口领取"))
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            visible: !!root.s.offline
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("网络恢复后，申请会自动送达；正式受理编号会在进度页面上替换这个编号，您不用再来。")
            font.pixelSize: Theme.fontBody
            color: Theme.text
        }
        Text {
            objectName: "printState"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: root.printText(journey.printState)
            font.pixelSize: Theme.fontLarge
            font.bold: root.askAgain
                       || ["paper_out", "cover_open", "offline", "error"].indexOf(journey.printState) >= 0
            color: root.failed ? Theme.accent : Theme.text
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            spacing: Theme.gap * 2
            BigButton {
                objectName: "reprintButton"
                // Not while a receipt waits for the printer: it would come out twice.
                visible: journey.printState === "done" || root.askAgain
                primary: root.askAgain
                text: root.askAgain ? qsTr("重新打印") : qsTr("再打印一份")
                onClicked: journey.reprint()
            }
            Item { Layout.fillWidth: true }
            BigButton {
                objectName: "nextButton"
                Layout.preferredWidth: Theme.sx(420)
                primary: true
                text: qsTr("下一步：评价 ›")
                onClicked: journey.toRating()
            }
        }
    }
}
