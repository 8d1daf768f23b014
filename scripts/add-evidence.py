#!/usr/bin/env python3
"""Inserts the `evidence` list of each condition into the edition file, as targeted text edits
(the file's order and formatting are kept; conditions that already have evidence are skipped).
Re-run after merging edition changes: `python3 scripts/add-evidence.py`."""
import json, re, sys

PATH = 'src/policy/editions/baotou-2022-55.json'

E = {
 'park.9.barred': [("旗县区人民政府关于产业园未被取消市级产业园资格（或取消已满三年）的说明", "The district's statement that the park's status was never cancelled (or was cancelled more than three years ago)")],
 'park.4.1.report': [("产业园规划报告（含发展目标、功能布局、服务体系、运营模式、发展规划）", "The park's planning report (goals, layout, service system, operating model, development plan)")],
 'park.4.1.fit': [("全市经济发展规划、区域产业布局相关文件及园区符合性说明", "City economic plan and regional industry layout, with a statement of how the park fits them")],
 'park.4.2.investor': [("投资主体营业执照（或事业单位法人证书）", "The investor's business licence (or public-institution certificate)"), ("投资协议或园区建设批复文件", "Investment agreement or the approval of the park's construction")],
 'park.4.2.concentrated': [("园区区位图、平面图及实景照片", "Location map, floor plans and photographs of the park")],
 'park.4.2.area': [("不动产权证书或房屋租赁合同", "Real-estate title certificate or lease contract"), ("建筑面积测绘报告", "Floor-area survey report")],
 'park.4.2.services': [("园区配套服务设施清单及照片（人力资源流动配置、社会保障、就业创业服务窗口）", "List and photographs of the park's service facilities (HR flow, social security, employment windows)")],
 'park.4.3.firms': [("入驻机构花名册", "Roster of resident organisations"), ("入驻机构营业执照及人力资源服务许可证或备案凭证", "Residents' business licences and HR-service licences or filing receipts"), ("入驻协议", "Residency agreements")],
 'park.4.3.revenue': [("园区年度营业收入统计表", "Park revenue statement for the year"), ("入驻机构年度财务报表或纳税证明", "Residents' annual financial statements or tax certificates")],
 'park.4.3.growth': [("近两年园区营业收入统计表", "Park revenue statements for the last two years"), ("入驻机构上年度审计报告或财务报表", "Residents' audit reports or financial statements of the previous year")],
 'park.4.3.formats': [("入驻机构人力资源服务许可证或备案凭证（载明业务范围）", "Residents' HR-service licences or filing receipts (showing their business scope)")],
 'park.4.3.chain': [("园区人力资源服务产业链情况说明（各业态机构名单）", "Statement of the park's HR-service chain (organisations by service format)")],
 'park.4.4.operator': [("运营机构营业执照", "The operator's business licence"), ("运营管理委托合同或协议", "Operating contract or agreement")],
 'park.4.4.mechanism': [("园区运营管理制度汇编（入驻退出、考核评价、安全管理等）", "The park's operating rules (entry and exit, evaluation, safety)")],
 'park.4.4.platform': [("信息化宣传平台网址、页面截图及ICP备案信息", "Platform address, page screenshots and ICP filing")],
 'park.4.4.active': [("平台近一年更新记录或访问统计截图", "The platform's update log or visit statistics for the last year")],
 'park.4.5.policy': [("旗县区扶持政策文件（正式印发文本）", "The district's support policy as issued"), ("纳入当地经济社会发展规划的文件及相关章节", "The development plan that includes the industry, with the relevant chapter")],
 'park.4.6.events': [("展示交流、供需对接活动的通知、方案、照片及新闻报道", "Notices, programmes, photographs and press reports of exhibitions and matchmaking events")],
 'park.4.6.notable': [("知名机构、头部企业、新锐企业名单及其入驻协议", "List of well-known, leading and new firms with their residency agreements"), ("相关榜单或荣誉文件", "The lists or honours that make them notable")],
 'park.4.6.benefits': [("促进就业创业、引进培育人才等成效统计表及证明材料", "Statistics and proof of employment, talent and industry results")],
 'measures.2.resident': [("入驻产业园协议", "Residency agreement with the park"), ("园区运营机构出具的入驻证明", "The park operator's certificate of residency")],
 'measures.2.policy': [("属地旗县区经济贡献支持政策文件（正式印发文本）", "The district's economic-contribution support policy as issued")],
 'measures.3.brand.promoted': [("招商引资合同或投资协议", "Investment-promotion contract or investment agreement"), ("属地政府或招商部门出具的招商引进证明", "Certificate of investment promotion from the district or its promotion office")],
 'measures.3.brand.listed': [("全国服务业500强或人力资源服务机构100强榜单（发布文件或公告）", "The national top-500 service or top-100 HR-service list (publication or notice)")],
 'measures.3.brand.revenue': [("上年度审计报告或财务报表", "Audit report or financial statements of the previous year"), ("纳税申报表", "Tax returns")],
 'measures.3.brand.year': [("营业执照（载明成立日期）", "Business licence (showing the date of establishment)"), ("近一年纳税证明和社保缴纳证明", "Tax and social-insurance payment certificates for the last year")],
 'measures.3.brand.jobs': [("带动就业人员名单及劳动合同", "List of people employed, with their labour contracts"), ("社保缴纳证明", "Social-insurance payment certificate")],
 'measures.3.hq.regional': [("自治区人力资源服务骨干企业或诚信服务示范企业认定文件或证书", "The autonomous region's designation as backbone or integrity-model enterprise (document or certificate)")],
 'measures.3.hq.headquarters': [("总部营业执照（注册地在包头市）", "Headquarters' business licence (registered in Baotou)"), ("总部办公场所产权证明或租赁合同", "Title or lease of the headquarters' premises")],
 'measures.3.hq.year': [("营业执照（载明成立日期）", "Business licence (showing the date of establishment)"), ("近一年纳税证明和社保缴纳证明", "Tax and social-insurance payment certificates for the last year")],
 'measures.4.top10.listed': [("全市人力资源服务业10强评选结果文件", "The city's top-10 HR-service selection result")],
 'measures.4.integrity.registered': [("营业执照（登记机关在包头市）", "Business licence (registered in Baotou)")],
 'measures.4.integrity.title': [("全国人力资源诚信服务示范机构命名文件或证书", "Designation as national integrity-model HR-service organisation (document or certificate)")],
 'measures.5.events': [("峰会、论坛的举办方案、主办或承办证明", "Programme of the summit or forum and proof of hosting it"), ("活动照片及新闻报道", "Photographs and press reports")],
 'measures.6.startup.founder': [("创办人身份证", "The founder's identity card"), ("机构营业执照（载明投资人）", "The organisation's business licence (showing the investor)")],
 'measures.6.startup.conditions': [("创业担保贷款申请材料（按经办银行和人社部门要求）", "Start-up guarantee loan application (as the bank and the HR bureau require)")],
 'measures.6.guarantee.small': [("小微企业认定依据（上年度从业人数、营业收入或资产总额证明）", "Proof of small or micro size (staff, revenue or assets of the previous year)")],
 'measures.6.guarantee.applies': [("创业担保贷款申请书及经办银行受理材料", "Guarantee-loan application and the bank's acceptance")],
 'measures.7.local': [("营业执照", "Business licence"), ("人力资源服务许可证或备案凭证", "HR-service licence or filing receipt")],
 'measures.7.placement': [("人才推荐名册", "List of placed talents"), ("推荐服务协议", "Placement service agreement"), ("人才与用人单位签订的劳动合同", "The talent's labour contract with the employer"), ("人才在用人单位的社保缴纳证明（满6个月）", "Social-insurance payments at the employer (six months)")],
 'measures.8.training': [("培训通知、签到表及培训证书", "Training notices, attendance sheets and certificates"), ("职业资格或职业技能等级证书", "Vocational qualification or skill-level certificates")],
 'measures.9.local': [("营业执照", "Business licence"), ("人力资源服务许可证或备案凭证", "HR-service licence or filing receipt")],
 'measures.9.talent': [("高层次人才名册", "List of high-level talents"), ("《包头市高层次人才认定目录（2021年）》类别认定材料", "Proof of the category in the 2021 high-level talent catalogue"), ("劳动合同及社保缴纳证明（全职）", "Labour contract and social-insurance payments (full-time)"), ("高新技术企业证书或上年度纳税证明", "High-tech enterprise certificate or last year's tax certificate")],
 'measures.10.insurance.hires': [("招用人员名单、劳动合同及社保缴纳证明", "List of hires, labour contracts and social-insurance payments"), ("就业困难人员认定证明或高校毕业生毕业证书", "Certificate of employment difficulty or graduation certificate")],
 'measures.10.service.provides': [("职业介绍、就业创业培训服务台账", "Register of job-introduction and training services"), ("服务对象就业或培训证明", "Proof of employment or training of those served")],
 'measures.10.awards.meets': [("“就业红娘”“青年人才引进贡献奖”申报材料（按相关政策要求）", "Application for the 就业红娘 or youth-talent award (as those policies require)")],
}

def main():
    text = open(PATH, encoding='utf-8').read()
    data = json.loads(text)
    ids = [data['park']['barred']['id']] + [c['id'] for c in data['park']['conditions']]
    for m in data['measures']:
        ids += [c['id'] for c in m.get('conditions', [])]
    lines = text.split('\n')
    missing = [i for i in ids if i not in E]
    for cid in ids:
        if cid not in E:
            continue
        start = next((n for n, l in enumerate(lines) if l.strip() == f'"id": "{cid}",'), None)
        if start is None:
            sys.exit(f'condition {cid} not found')
        indent = lines[start][:len(lines[start]) - len(lines[start].lstrip())]
        n = start + 1
        while n < len(lines) and not (lines[n].startswith(indent + '"') and lines[n].strip() in ('"test": {', '"evidence": [')):
            if lines[n].startswith(indent[:-1] + '}'):
                sys.exit(f'no test for {cid}')
            n += 1
        if lines[n].strip() == '"evidence": [':
            continue
        block = [indent + '"evidence": [']
        items = E[cid]
        for k, (zh, en) in enumerate(items):
            block += [indent + ' {', indent + f'  "zh": {json.dumps(zh, ensure_ascii=False)},',
                      indent + f'  "en": {json.dumps(en, ensure_ascii=False)}',
                      indent + (' },' if k + 1 < len(items) else ' }')]
        block.append(indent + '],')
        lines[n:n] = block
    out = '\n'.join(lines)
    json.loads(out)
    open(PATH, 'w', encoding='utf-8').write(out)
    if missing:
        print('no evidence written for:', ', '.join(missing))

main()
