<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="33"/>
        <source>请刷身份证或社保卡</source>
        <translation>Please tap your ID card or social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="43"/>
        <source>一件事，一次办：一张卡，一张表，一次办结</source>
        <translation>One life event, one visit: one card, one form, one result</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="55"/>
        <source>或者按人生大事选择要办的事</source>
        <translation>Or choose what you need by life event</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="69"/>
        <source>个人办事</source>
        <translation>For individuals</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="70"/>
        <source>出生、上学、就业、婚育、置业、救助、就医、退休、养老、身后</source>
        <translation>Birth, school, work, family, housing, assistance, medical care, retirement, old age, after a death</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="79"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="80"/>
        <source>开办、场地、招聘、经营、权益、注销</source>
        <translation>Start-up, premises, hiring, operations, rights, closure</translation>
    </message>
</context>
<context>
    <name>BrowseScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="19"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="26"/>
        <source>个人办事</source>
        <translation>For individuals</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="33"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="39"/>
        <source>请选择您要办的事</source>
        <translation>Choose what you need to do</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="140"/>
        <source>%1 个事项一次办 · %2 个工作日内办结</source>
        <translation>%1 matters in one application · done within %2 working days</translation>
    </message>
</context>
<context>
    <name>CardProblemScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="20"/>
        <source>证件已过期</source>
        <translation>This card has expired</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="21"/>
        <source>证件尚未生效</source>
        <translation>This card is not valid yet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="22"/>
        <source>证件号码无法核对</source>
        <translation>The ID number on this card does not check out</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="23"/>
        <source>无法读取这张卡</source>
        <translation>This card cannot be read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="33"/>
        <source>这张证件的有效期到 %1 为止。请使用有效证件，或到窗口办理。</source>
        <translation>This card was valid until %1. Please use a valid card, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="36"/>
        <source>这张证件从 %1 起才生效。请使用有效证件，或到窗口办理。</source>
        <translation>This card is valid only from %1. Please use a valid card, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="39"/>
        <source>卡上的证件号码核对不通过，这张卡可能已损坏。请到窗口办理。</source>
        <translation>The ID number on the card does not check out; the card may be damaged. Please go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="40"/>
        <source>请取出证件，擦干净后重新放好再试一次。如果还是不行，请联系工作人员。</source>
        <translation>Please take the card out, wipe it, and put it back. If it still does not work, please ask the staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="48"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="54"/>
        <source>重新刷卡</source>
        <translation>Try the card again</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="17"/>
        <source>请核对您的身份</source>
        <translation>Please check that this is you</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="36"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="44"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="52"/>
        <source>证件</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="54"/>
        <source>社会保障卡</source>
        <translation>Social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="55"/>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="64"/>
        <source>为保护您的信息，号码和姓名只显示一部分。</source>
        <translation>To protect your information, only part of your name and number is shown.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="72"/>
        <source>不是我</source>
        <translation>Not me</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="79"/>
        <source>是我，继续</source>
        <translation>That&apos;s me, continue</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="28"/>
        <source>演示：样例居民（示例数据）</source>
        <translation>Demo: sample residents (sample data)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="28"/>
        <source>演示 ▸</source>
        <translation>Demo ▸</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="46"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="46"/>
        <source>社保卡</source>
        <translation>social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="47"/>
        <source>（已过期）</source>
        <translation> (expired)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="60"/>
        <source>按下手指</source>
        <translation>Press finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="60"/>
        <source>抬起手指</source>
        <translation>Lift finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="88"/>
        <source>取出卡片</source>
        <translation>Take the card out</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="19"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="55"/>
        <source>指纹仪暂不可用，请联系工作人员。</source>
        <translation>The fingerprint reader is not available. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="56"/>
        <source>请将手指平放在指纹仪上</source>
        <translation>Place your finger flat on the fingerprint reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="57"/>
        <source>请抬起手指</source>
        <translation>Lift your finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="58"/>
        <source>请再按一次</source>
        <translation>Press once more</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="59"/>
        <source>正在读取，请稍候……</source>
        <translation>Reading, one moment…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="60"/>
        <source>没有采集成功，请再试一次。</source>
        <translation>That did not work. Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="61"/>
        <source>指纹已采集，清晰可用。</source>
        <translation>Fingerprint taken; it is clear.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="62"/>
        <source>指纹太浅：请把手指放平，稍用力按，再采集一次。</source>
        <translation>Too faint: place your finger flat, press a little harder, and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="63"/>
        <source>指纹不清：请擦干手指，再采集一次。</source>
        <translation>Not clear: dry your finger and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="74"/>
        <source>同一根手指按两次。</source>
        <translation>Press the same finger twice.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="85"/>
        <source>重新采集</source>
        <translation>Take it again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="92"/>
        <source>确认，继续</source>
        <translation>Confirm and continue</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="16"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="33"/>
        <source>请把身份证放在读卡区，或把社保卡插入读卡器</source>
        <translation>Place your ID card on the reader, or insert your social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="42"/>
        <source>读卡时请不要移动证件</source>
        <translation>Please keep the card still while it is read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="60"/>
        <source>身份证读卡区</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="61"/>
        <source>社保卡读卡器</source>
        <translation>Social security card reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="62"/>
        <source>可以使用</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="63"/>
        <source>暂不可用</source>
        <translation>not available</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="83"/>
        <source>读卡器暂时无法使用。请联系工作人员，或到窗口办理。</source>
        <translation>The card readers are not working at the moment. Please ask the staff, or go to a service window.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/qml/Kiosk/IdleOverlay.qml" line="31"/>
        <source>您还在吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/IdleOverlay.qml" line="49"/>
        <source>%n 秒后将返回首页，本次填写和读取的信息将全部清除。</source>
        <translation>
            <numerusform>In %n second the kiosk returns to the start and clears everything from this visit.</numerusform>
            <numerusform>In %n seconds the kiosk returns to the start and clears everything from this visit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdleOverlay.qml" line="57"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="10"/>
        <source>一件事自助服务终端</source>
        <translation>One-thing self-service kiosk</translation>
    </message>
</context>
<context>
    <name>MoreHint</name>
    <message>
        <location filename="../../ui/qml/Kiosk/MoreHint.qml" line="22"/>
        <source>向上滑动查看更多 ▼</source>
        <translation>Swipe up for more ▼</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="58"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="65"/>
        <source>一次告知：%1</source>
        <translation>Everything you need to know: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="74"/>
        <source>您的情形：%1</source>
        <translation>Your situation: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="85"/>
        <source>刷卡开始办理</source>
        <translation>Tap your card to start</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="90"/>
        <source>已识别：%1</source>
        <translation>Identified: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="129"/>
        <source>事项名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="130"/>
        <source>适用范围</source>
        <translation>Who it is for</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="132"/>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="157"/>
        <source>已通过数据共享获取，无需提供</source>
        <translation>Obtained through data sharing: nothing to bring</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="162"/>
        <source>可用书面承诺代替</source>
        <translation>A written commitment may replace it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="167"/>
        <source>需提供原件</source>
        <translation>Original required</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="181"/>
        <source>咨询途径</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="182"/>
        <source>办公地址和时间</source>
        <translation>Office address and hours</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="229"/>
        <source>用手机扫码，查看完整办事指南</source>
        <translation>Scan with your phone for the full guide</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="237"/>
        <source>办结时限</source>
        <translation>Time limit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="238"/>
        <source>%n 个工作日内办结</source>
        <translation>
            <numerusform>Done within %n working day</numerusform>
            <numerusform>Done within %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="240"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="241"/>
        <source>结果送达</source>
        <translation>Delivery of results</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="245"/>
        <source>%n 项材料由数据共享获取，您不用带。</source>
        <translation>
            <numerusform>%n material comes from data sharing: you need not bring it.</numerusform>
            <numerusform>%n materials come from data sharing: you need not bring them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="253"/>
        <source>一次办理 %n 个事项，牵头单位：%1</source>
        <translation>
            <numerusform>%n matter in one application; lead unit: %1</numerusform>
            <numerusform>%n matters in one application; lead unit: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutsideScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/OutsideScreen.qml" line="43"/>
        <source>‹ 重新回答</source>
        <translation>‹ Answer again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/OutsideScreen.qml" line="48"/>
        <source>回首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>PausedOverlay</name>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="26"/>
        <source>这不是刚才的证件</source>
        <translation>This is not the same card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="26"/>
        <source>您的证件已取出</source>
        <translation>Your card was taken out</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="36"/>
        <source>请放回刚才那张证件继续办理，或结束办理。</source>
        <translation>Put the same card back to continue, or end.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="37"/>
        <source>请把证件放回去继续办理，或结束办理。</source>
        <translation>Put your card back to continue, or end.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="44"/>
        <source>结束办理</source>
        <translation>End</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/QuestionScreen.qml" line="19"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/QuestionScreen.qml" line="31"/>
        <source>第 %1 问</source>
        <translation>Question %1</translation>
    </message>
</context>
<context>
    <name>TakeCardScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/TakeCardScreen.qml" line="20"/>
        <source>请取走您的证件</source>
        <translation>Please take your card</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="43"/>
        <source>标准模式</source>
        <translation>Standard mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="43"/>
        <source>长辈模式</source>
        <translation>Elderly mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="51"/>
        <source>回首页</source>
        <translation>Home</translation>
    </message>
</context>
</TS>
