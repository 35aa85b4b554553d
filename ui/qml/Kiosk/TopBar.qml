import QtQuick
import QtQuick.Layouts
import Kiosk

// Always there: where you are, language, elderly mode, and the way home.
Rectangle {
    id: root
    property bool showHome: kiosk.screen !== "attract"
    signal readAloud()
    signal leaveAsked()
    // The buttons' natural widths, which do not depend on the title's: no binding loop.
    readonly property real buttonsWidth: {
        let w = 0
        for (const b of [readAloudBtn, muteBtn, staffSignOutBtn, helpBtn, languageBtn, elderlyBtn, homeBtn])
            if (b.visible) w += b.implicitWidth + Theme.gap
        // The voice's warning takes its room in the row as a button does.
        if (voiceProblem.visible) w += voiceProblem.implicitWidth + Theme.gap
        return w + Theme.gap
    }
    // A portrait screen in elderly type or English has no room for one row: two rows then
    // (columns do not change a button's natural width: no binding loop).
    // (A little too wide still fits one row: the buttons narrow and wrap their words.)
    readonly property bool twoRows: buttonsWidth > width * (Theme.screenWidth < Theme.screenHeight ? 1.0 : 1.25)
    readonly property int buttonCount: {
        let n = 0
        for (const b of [readAloudBtn, muteBtn, staffSignOutBtn, helpBtn, languageBtn, elderlyBtn, homeBtn])
            if (b.visible) n += 1
        return n
    }
    color: Theme.topBar
    implicitHeight: twoRows ? Theme.target * 2 + Theme.px(12) + Theme.px(24)
                            : Theme.target + Theme.px(24)

    GridLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        anchors.topMargin: Theme.px(12)
        anchors.bottomMargin: Theme.px(12)
        columns: root.twoRows ? Math.ceil(root.buttonCount / 2) + (voiceProblem.visible ? 1 : 0) : 99
        columnSpacing: Theme.gap
        rowSpacing: Theme.px(12)

        // The way home on the left, away from the modes on the right: no stray tap ends
        // an application when 长辈模式 was meant.
        BigButton {
            id: homeBtn
            objectName: "homeButton"
            visible: root.showHome
            Layout.preferredHeight: Theme.target
            // Narrower than natural when the bar is full (elderly type, English): never cut off.
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: Theme.target
            fontSize: Theme.fontBody
            text: qsTr("回首页")
            // With answers given, asked first (Main's LeaveOverlay); else straight home.
            onClicked: journey.hasAnswers() ? root.leaveAsked() : kiosk.home()
        }
        Text {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // The room the buttons leave, not its own text's width: the buttons keep theirs.
            Layout.preferredWidth: 0
            // While staff help (帮办), who is helping, masked: residents see the screen too.
            id: title
            objectName: "topBarTitle"
            // When the buttons leave too little room, they come first: the kiosk's name is
            // on its casing anyway. Who is helping (帮办) always shows.
            visible: staff.signedIn || root.width - root.buttonsWidth > Theme.sx(200)
            text: staff.signedIn ? staff.banner : kiosk.kioskName
            // A long name takes two lines and, if it must, smaller type; never "…".
            wrapMode: Text.WordWrap
            verticalAlignment: Text.AlignVCenter
            fontSizeMode: Text.Fit
            minimumPixelSize: Theme.fontSmall
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.topBarText
        }
        Item {  // keeps the way home apart from the other buttons when the name gives way
            visible: !title.visible && !root.twoRows
            Layout.fillWidth: true
            Layout.minimumWidth: Theme.gap * 2
        }
        Text {
            // Said on screen when the voice cannot speak Chinese, in elderly mode above all.
            id: voiceProblem
            objectName: "voiceProblem"
            visible: kiosk.voiceProblem !== ""
            text: qsTr("语音提示暂不可用")
            font.pixelSize: Theme.fontSmall
            color: Theme.topBarText
        }
        BigButton {
            id: readAloudBtn
            objectName: "readAloudButton"
            visible: kiosk.voiceOn && !kiosk.muted
            Layout.preferredHeight: Theme.target
            // Narrower than natural when the bar is full (elderly type, English): never cut off.
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: Theme.target
            fontSize: Theme.fontBody
            text: qsTr("读一读")
            onClicked: root.readAloud()
        }
        BigButton {
            id: muteBtn
            objectName: "muteButton"
            visible: kiosk.voiceOn
            Layout.preferredHeight: Theme.target
            // Narrower than natural when the bar is full (elderly type, English): never cut off.
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: Theme.target
            fontSize: Theme.fontBody
            text: kiosk.muted ? qsTr("打开声音") : qsTr("静音")
            onClicked: kiosk.setMuted(!kiosk.muted)
        }
        BigButton {
            id: staffSignOutBtn
            objectName: "staffSignOutButton"
            visible: staff.signedIn
            Layout.preferredHeight: Theme.target
            // Narrower than natural when the bar is full (elderly type, English): never cut off.
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: Theme.target
            fontSize: Theme.fontBody
            text: qsTr("退出帮办")
            onClicked: staff.signOut()
        }
        BigButton {
            // Reaches a person: on every screen, in elderly mode too.
            id: helpBtn
            objectName: "helpButton"
            visible: !staff.signedIn
            Layout.preferredHeight: Theme.target
            // Narrower than natural when the bar is full (elderly type, English): never cut off.
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: Theme.target
            fontSize: Theme.fontBody
            primary: true
            fill: Theme.accent  // stands out on the bar, which has the primary colour
            text: qsTr("请工作人员帮忙")
            onClicked: staff.askForHelp(kiosk.screen, kiosk.secondsOnScreen())
        }
        BigButton {
            id: languageBtn
            objectName: "languageButton"
            Layout.preferredHeight: Theme.target
            // Narrower than natural when the bar is full (elderly type, English): never cut off.
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: Theme.target
            fontSize: Theme.fontBody
            // Each language names itself, so it can be found by those who need it.
            text: kiosk.language === "en" ? "中文" : "English"
            onClicked: kiosk.setLanguage(kiosk.language === "en" ? "zh_CN" : "en")
        }
        BigButton {
            id: elderlyBtn
            objectName: "elderlyButton"
            Layout.preferredHeight: Theme.target
            // Narrower than natural when the bar is full (elderly type, English): never cut off.
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: Theme.target
            fontSize: Theme.fontBody
            text: kiosk.elderly ? qsTr("标准模式") : qsTr("长辈模式")
            onClicked: kiosk.setElderly(!kiosk.elderly)
        }
    }
}
