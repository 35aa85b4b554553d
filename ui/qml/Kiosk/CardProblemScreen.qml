import QtQuick
import QtQuick.Layouts
import Kiosk

// The card cannot be used: one cause, said in plain words, with what to do about it.
// Only a card that does not answer is to be cleaned: nothing else is helped by it.
Rectangle {
    id: screen
    color: Theme.background
    readonly property var problem: JSON.parse(kiosk.problemJson)
    readonly property string kind: problem.kind || ""
    readonly property string other: problem.other || ""
    readonly property bool onPad: problem.reader === "idcard"  // the contactless ID card pad
    readonly property date day: new Date((problem.date || "1970-01-01") + "T00:00:00")
    readonly property string dayText: day.toLocaleDateString(
        Qt.locale(kiosk.language), kiosk.language === "en" ? "d MMMM yyyy" : "yyyy年M月d日")
    // "读一读" reads the cause and what to do.
    readonly property string readText: title() + "。" + advice()
    // What the big button does: put the card in again, or call a person.
    readonly property bool staffFirst: kind === "reader_down"

    function title() {
        switch (kind) {
        case "not_this_card":
            return other === "bank" ? qsTr("这是银行卡，不是社保卡")
                 : other === "id_document" ? qsTr("本机读不了这种证件")
                 : qsTr("这不是社保卡")
        case "invalid_number": return qsTr("证件号码无法核对")
        case "expired": return qsTr("证件已过期")
        case "not_yet_valid": return qsTr("证件尚未生效")
        case "pulled": return qsTr("证件还没读完就拿开了")
        case "reader_down": return qsTr("读卡器出了故障")
        case "damaged": return qsTr("卡里的信息读不出来")
        default: return onPad ? qsTr("没能读出这张证件") : qsTr("无法读取这张卡")
        }
    }

    function advice() {
        switch (kind) {
        case "not_this_card":
            return other === "id_document"
                ? qsTr("本机能读居民身份证、港澳台居民居住证和外国人永久居留身份证。请换一张证件，或到窗口办理。")
                : qsTr("本机读不了这张卡。请插入社会保障卡，或把身份证放在读卡区。")
        case "invalid_number":
            return qsTr("卡上的证件号码核对不通过，本机不能用这张卡办理。请带上这张卡到窗口办理。")
        case "expired":
            return qsTr("这张证件的有效期到 %1 为止。请使用有效证件，或到窗口办理。").arg(dayText)
        case "not_yet_valid":
            return qsTr("这张证件从 %1 起才生效。请使用有效证件，或到窗口办理。").arg(dayText)
        case "pulled":
            return onPad ? qsTr("请把证件放回读卡区，读好之前不要移动或拿开。")
                         : qsTr("请把卡重新插好，读好之前不要拔出来。")
        case "reader_down":
            return qsTr("这不是您的证件的问题。请联系工作人员，或到窗口办理。")
        case "damaged":
            return qsTr("卡里存的信息不完整，本机不能用这张卡办理。请带上这张卡到窗口办理。")
        default:
            return onPad ? qsTr("请把证件平放在读卡区中间，不要移动，再试一次。如果还是不行，请联系工作人员。")
                         : qsTr("请取出卡，把芯片擦干净，芯片朝上插到底，再试一次。如果还是不行，请联系工作人员。")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2

        Text {
            objectName: "problemTitle"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: screen.title()
            font.pixelSize: Theme.fontHuge
            font.bold: true
            color: Theme.accent
        }
        Text {
            objectName: "problemText"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: screen.advice()
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        RowLayout {
            spacing: Theme.gap * 2
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: kiosk.back()
            }
            BigButton {
                objectName: "retryButton"
                visible: !screen.staffFirst
                primary: true
                text: kind === "pulled" || kind === "unreadable" ? qsTr("重新刷卡") : qsTr("换一张证件")
                onClicked: kiosk.identify()
            }
            BigButton {
                objectName: "problemHelpButton"
                visible: screen.staffFirst
                primary: true
                text: qsTr("请工作人员帮忙")
                onClicked: staff.askForHelp(kiosk.screen, kiosk.secondsOnScreen())
            }
        }
        Item { Layout.fillHeight: true }
    }
}
