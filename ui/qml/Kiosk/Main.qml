import QtQuick
import QtQuick.Window
import Kiosk

Window {
    id: window
    property bool fullScreen: true
    visible: true
    visibility: fullScreen ? Window.FullScreen : Window.Windowed
    title: qsTr("一件事自助服务终端")
    color: Theme.background

    Binding { target: Theme; property: "elderly"; value: kiosk.elderly }

    // Elderly mode: each screen says aloud what to do there; a screen whose own text is its
    // instruction (a question) says it itself. A new screen silences the last one's words.
    readonly property string kioskScreen: kiosk.screen
    onKioskScreenChanged: {
        kiosk.stopSpeaking()
        if (Theme.elderly) kiosk.say(spokenFor(kioskScreen))
    }
    function spokenFor(screen) {
        switch (screen) {
        case "attract": return qsTr("请刷身份证或社保卡")
        case "browse": return qsTr("请选择您要办的事")
        case "outside": return qsTr("您的情况不在这件事的范围内，请看屏幕上的去处")
        case "notice": return qsTr("这是办这件事要准备的材料。按“读一读”，可以听全部内容")
        case "identify": return qsTr("请把身份证放在读卡区，或把社保卡插入读卡器")
        case "confirm": return qsTr("请核对您的身份。是您本人，请按“是我，继续”")
        case "card_problem":
            // Not "this card cannot be used" when the card is fine.
            switch (JSON.parse(kiosk.problemJson).kind) {
            case "reader_down": return qsTr("读卡器出了故障，这不是您的证件的问题。请联系工作人员")
            case "pulled": return qsTr("证件还没读完就拿开了。请放回去，读好之前不要拿开")
            default: return qsTr("这张卡不能用，请看屏幕上的说明")
            }
        case "take_card": return qsTr("请取走您的证件")
        case "fingerprint": return qsTr("请将手指平放在指纹仪上")
        case "form": return qsTr("请填写申请表。绿色的项目不用填")
        case "photo": return qsTr("请看着摄像头，不要动，会自动拍照")
        case "documents": return qsTr("请把材料平放在拍摄区内")
        case "sign": return qsTr("请用手指在框内签名")
        case "review": return qsTr("请核对信息，然后按“确认提交”")
        case "submitting": return qsTr("正在提交，请稍候")
        case "receipt": return qsTr("申请已受理，请取走受理回执")
        case "rating": return qsTr("请为这次办理打分")
        case "error": return qsTr("抱歉，没有成功。请再试一次，或联系工作人员")
        case "progress": return qsTr("这是您办理的事项和进度")
        case "appointment": return qsTr("请选择办理窗口和时间")
        case "enterprise": return qsTr("请输入企业的统一社会信用代码，或出示电子营业执照二维码")
        default: return ""
        }
    }
    // "读一读": the screen's main text where it has one (the notice, a question), else its
    // instruction.
    function readScreen() {
        const item = screenLoader.item
        const text = item && item.readText !== undefined && item.readText !== ""
                     ? item.readText : spokenFor(kioskScreen)
        kiosk.readAloud(text)
    }
    Binding { target: Theme; property: "screenHeight"; value: window.height }
    Binding { target: Theme; property: "screenWidth"; value: window.width }

    Column {
        anchors.fill: parent
        // Under an overlay the screens take no taps: a button's tap handler would otherwise
        // still see a tap on the overlay's button above it.
        enabled: staff.step === "" && staff.helpState === "none" && !kiosk.idleWarning
                 && maintenance.step === ""
                 && !leaveOverlay.visible

        TopBar {
            id: topBar
            width: parent.width
            onReadAloud: window.readScreen()
            onLeaveAsked: leaveOverlay.visible = true
        }

        Loader {
            id: screenLoader
            objectName: "screenLoader"
            width: parent.width
            // Above the on-screen keyboard while it shows: the field being typed is never
            // under it (the screen scrolls its focused field into what is left).
            height: parent.height - topBar.height
                    - (keyboard.item && keyboard.item.active ? keyboard.item.height : 0)
            source: {
                switch (kiosk.screen) {
                case "browse": return "BrowseScreen.qml"
                case "questions": return "QuestionScreen.qml"
                case "outside": return "OutsideScreen.qml"
                case "notice": return "NoticeScreen.qml"
                case "identify": return "IdentifyScreen.qml"
                case "confirm": return "ConfirmScreen.qml"
                case "card_problem": return "CardProblemScreen.qml"
                case "take_card": return "TakeCardScreen.qml"
                case "fingerprint": return "FingerprintScreen.qml"
                case "form": return "FormScreen.qml"
                case "photo": return "PhotoStepScreen.qml"
                case "documents": return "DocumentsStepScreen.qml"
                case "sign": return "SignScreen.qml"
                case "review": return "ReviewScreen.qml"
                case "submitting": return "SubmittingScreen.qml"
                case "receipt": return "ReceiptScreen.qml"
                case "rating": return "RatingScreen.qml"
                case "error": return "ErrorScreen.qml"
                case "progress": return "ProgressScreen.qml"
                case "appointment": return "AppointmentScreen.qml"
                case "enterprise": return "EnterpriseScreen.qml"
                default: return "AttractScreen.qml"
                }
            }
        }
    }

    // The on-screen keyboard (Pinyin for Chinese, English, numbers): no screen needs a
    // physical keyboard. Loaded after the first frame so start-up does not wait for it.
    Loader {
        id: keyboard
        objectName: "keyboardLoader"
        asynchronous: true
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        source: "Keyboard.qml"
    }

    Loader {
        active: typeof demo !== "undefined" && demo !== null
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: Theme.px(16)
        z: 10
        sourceComponent: DemoPanel {}
    }

    PausedOverlay {
        anchors.fill: parent
        visible: kiosk.paused
    }

    StaffPanel {
        anchors.fill: parent
        visible: staff.step !== ""
    }

    HelpOverlay {
        anchors.fill: parent
        visible: staff.helpState !== "none"
    }

    LeaveOverlay {
        id: leaveOverlay
        anchors.fill: parent
        visible: false
        onStay: visible = false
        onLeave: { visible = false; kiosk.home() }
        // Gone with the session it asked about (an idle reset, a staff ending).
        Connections {
            target: kiosk
            function onSessionWiped() { leaveOverlay.visible = false }
        }
    }

    IdleOverlay {
        anchors.fill: parent
        visible: kiosk.idleWarning
    }

    MaintenancePanel {
        anchors.fill: parent
        visible: maintenance.step !== ""
    }
}
