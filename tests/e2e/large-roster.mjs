// A large roster for the large-input test and benchmark (issue 6): N rows of valid, distinct
// unified social credit codes (GB 32100-2015 check character), every second row an HR-service
// firm, the six service formats of plan 二 in turn, revenue in 万元. Rows in the supporting
// format (上下游, plan 二(六)) are marked not HR-service firms, as the count rule reads them.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMATS = ['人力资源信息化平台', '中高端服务', '传统服务', '劳务协作', '新业态', '上下游服务'];

/** The check character of the first 17 characters of a code. */
export function usccCheck(body) {
  const sum = [...body].reduce((s, c, i) => s + CHARS.indexOf(c) * WEIGHTS[i], 0);
  return CHARS[(31 - (sum % 31)) % 31];
}

/** Row i's code: 91 + Baotou area code 150200 + 9 digits from i. */
export function uscc(i) {
  const body = `91150200${String(i).padStart(9, '0')}`;
  return body + usccCheck(body);
}

/** A CSV roster of `n` rows (UTF-8 with BOM, as Excel saves it). */
export function rosterCsv(n) {
  const lines = ['\uFEFF序号,单位名称,统一社会信用代码,服务业态,是否人力资源服务企业,年营业收入（万元）,主营业务'];
  for (let i = 1; i <= n; i++) {
    lines.push([i, `第${i}号人力资源有限公司`, uscc(i), FORMATS[i % FORMATS.length], i % 2 && i % FORMATS.length !== 5 ? '是' : '否',
      (i % 500) + 0.5, '招聘与派遣'].join(','));
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

/** What the engine should count in a roster of `n` rows. */
export const expected = (n) => ({
  rows: n,
  hrFirms: Math.ceil(n / 2) - Math.floor((n + 1) / 6),
  formats: Math.min(n, FORMATS.length),
});
