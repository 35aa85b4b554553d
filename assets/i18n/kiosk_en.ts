<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="61"/>
        <source>请刷身份证或社保卡</source>
        <translation>Please tap your ID card or social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="67"/>
        <source>一件事，一次办：一张卡，一张表，一次办结</source>
        <translation>One life event, one visit: one card, one form, one result</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="76"/>
        <source>或者按人生大事选择要办的事</source>
        <translation>Or choose what you need by life event</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="90"/>
        <source>个人办事</source>
        <translation>For individuals</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="91"/>
        <source>出生、上学、就业、婚育、置业、救助、就医、退休、养老、身后</source>
        <translation>Birth, school, work, family, housing, assistance, medical care, retirement, old age, after a death</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="100"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="101"/>
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
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="137"/>
        <source>%1 个事项一次办 · %2 个工作日内办结</source>
        <translation>%1 matters in one application · done within %2 working days</translation>
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
        <location filename="../../ui/qml/Kiosk/MoreHint.qml" line="14"/>
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
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="114"/>
        <source>事项名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="115"/>
        <source>适用范围</source>
        <translation>Who it is for</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="117"/>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="142"/>
        <source>已通过数据共享获取，无需提供</source>
        <translation>Obtained through data sharing: nothing to bring</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="147"/>
        <source>可用书面承诺代替</source>
        <translation>A written commitment may replace it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="152"/>
        <source>需提供原件</source>
        <translation>Original required</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="166"/>
        <source>咨询途径</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="167"/>
        <source>办公地址和时间</source>
        <translation>Office address and hours</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="220"/>
        <source>用手机扫码，查看完整办事指南</source>
        <translation>Scan with your phone for the full guide</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="228"/>
        <source>办结时限</source>
        <translation>Time limit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="229"/>
        <source>%n 个工作日内办结</source>
        <translation>
            <numerusform>Done within %n working day</numerusform>
            <numerusform>Done within %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="231"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="232"/>
        <source>结果送达</source>
        <translation>Delivery of results</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="236"/>
        <source>%n 项材料由数据共享获取，您不用带。</source>
        <translation>
            <numerusform>%n material comes from data sharing: you need not bring it.</numerusform>
            <numerusform>%n materials come from data sharing: you need not bring them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="244"/>
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
    <name>TopBar</name>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="38"/>
        <source>标准模式</source>
        <translation>Standard mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="38"/>
        <source>长辈模式</source>
        <translation>Elderly mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="46"/>
        <source>回首页</source>
        <translation>Home</translation>
    </message>
</context>
</TS>
