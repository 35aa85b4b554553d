pragma Singleton
import QtQuick

// Sizes scale with the screen's shorter side (designed at 1080: the same panel in landscape
// or portrait keeps its type and targets) and by 1.5 in elderly mode;
// elderly mode also switches to a high-contrast palette.
QtObject {
    property bool elderly: false
    property real screenHeight: 1080
    property real screenWidth: 1920

    readonly property real unit: Math.min(screenHeight, screenWidth) / 1080
    readonly property real scale: elderly ? 1.5 : 1.0
    function px(n) { return Math.round(n * unit) }
    function sx(n) { return Math.round(n * unit * scale) }

    readonly property int fontSmall: sx(24)
    readonly property int fontBody: sx(30)
    readonly property int fontLarge: sx(38)
    readonly property int fontTitle: sx(48)
    readonly property int fontHuge: sx(72)
    // Smallest touch target: 88 px at 1080 (about 15 mm on a 21.5" terminal).
    readonly property int target: sx(88)
    readonly property int gap: px(24)
    readonly property int radius: px(16)
    readonly property int border: elderly ? px(4) : px(2)

    readonly property color background: elderly ? "#ffffff" : "#eef3f9"
    readonly property color surface: "#ffffff"
    readonly property color text: elderly ? "#000000" : "#1c2733"
    readonly property color textMuted: elderly ? "#1a1a1a" : "#4a5a6a"
    readonly property color primary: elderly ? "#002f6c" : "#0b5cad"
    readonly property color primaryText: "#ffffff"
    readonly property color accent: elderly ? "#8a2b00" : "#c7511f"
    readonly property color line: elderly ? "#000000" : "#c5d2df"
    readonly property color shared: elderly ? "#0b5a1c" : "#1f7a35"
    readonly property color sharedBackground: elderly ? "#ffffff" : "#e3f4e7"
    readonly property color commitment: elderly ? "#5a2d82" : "#6b3fa0"
    readonly property color topBar: elderly ? "#000000" : "#0b5cad"
    readonly property color topBarText: elderly ? "#ffff00" : "#ffffff"
}
