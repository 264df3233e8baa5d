/* tests/bench/gen/data.c: the synthetic plan's words, structure and history,
 * each a pure function of (seed, task, purpose); see data.h. */
#include "data.h"

#include <stdio.h>
#include <string.h>

#include "plancon/xalloc.h"

/* ---- vocabulary --------------------------------------------------------------- */

const char *const bench_provinces[DOCS] = {
	"山东", "河南", "河北", "江苏", "浙江", "安徽", "湖北", "湖南", "四川", "广东",
};

const char *const bench_part_titles[3] = { "总体要求", "主要任务和重点举措", "规划实施保障" };

/* Chapter c of a document belongs to part bench_chapter_part[c]. */
const int bench_chapter_part[CHAPTERS_PER_DOC] = { 0, 1, 1, 1, 1, 1, 1, 2 };

const char *const bench_chapter_titles[CHAPTERS_PER_DOC] = {
	"指导思想、基本原则和发展目标",
	"深入推进智慧城镇化 系统提升数字治理能力",
	"深入推进绿色城镇化 加快建设美丽宜居城市",
	"深入推进人文城镇化 全面增强城市文化魅力",
	"深入推进城乡融合 促进城乡协调发展",
	"优化城镇化空间布局 构建协调发展格局",
	"有序推进农业转移人口市民化",
	"加强组织领导 强化规划实施保障",
};

const char *const bench_section_titles[CHAPTERS_PER_DOC][SECTIONS_PER_CHAPTER] = {
	{ "指导思想", "基本原则", "发展目标", "远景展望", "统筹协调" },
	{ "筑牢城镇数字底座", "健全智慧服务体系", "提升精准智治能力", "推动城乡智慧协同", "构建区域创新高地" },
	{ "推动城镇绿色低碳发展", "加强生态环境保护", "建设海绵城市", "推广绿色建筑", "倡导绿色生活方式" },
	{ "保护传承历史文化", "繁荣城市文化事业", "塑造城市特色风貌", "提升城市文明程度", "发展文化旅游产业" },
	{ "健全城乡融合发展机制", "推进县城城镇化建设", "促进小城镇特色发展", "推动城乡基础设施一体化", "推进基本公共服务均等化" },
	{ "做强省会经济圈", "做优胶东经济圈", "做大鲁南经济圈", "培育现代化都市圈", "推动中小城市发展" },
	{ "深化户籍制度改革", "完善居住证制度", "保障随迁子女受教育权利", "提升职业技能水平", "健全住房保障体系" },
	{ "加强党的领导", "健全规划实施机制", "强化要素保障", "加强监测评估", "营造良好氛围" },
};

const char *const bench_depts[STORE_BENCH_DEPTS][2] = {
	{ "省发展改革委", "山东省发展和改革委员会" },
	{ "省住房城乡建设厅", "山东省住房和城乡建设厅" },
	{ "省公安厅", "山东省公安厅" },
	{ "省教育厅", "山东省教育厅" },
	{ "省科技厅", "山东省科学技术厅" },
	{ "省工业和信息化厅", "山东省工业和信息化厅" },
	{ "省民政厅", "山东省民政厅" },
	{ "省司法厅", "山东省司法厅" },
	{ "省财政厅", "山东省财政厅" },
	{ "省人力资源社会保障厅", "山东省人力资源和社会保障厅" },
	{ "省自然资源厅", "山东省自然资源厅" },
	{ "省生态环境厅", "山东省生态环境厅" },
	{ "省交通运输厅", "山东省交通运输厅" },
	{ "省水利厅", "山东省水利厅" },
	{ "省农业农村厅", "山东省农业农村厅" },
	{ "省商务厅", "山东省商务厅" },
	{ "省文化和旅游厅", "山东省文化和旅游厅" },
	{ "省卫生健康委", "山东省卫生健康委员会" },
	{ "省退役军人事务厅", "山东省退役军人事务厅" },
	{ "省应急厅", "山东省应急管理厅" },
	{ "省审计厅", "山东省审计厅" },
	{ "省国资委", "山东省人民政府国有资产监督管理委员会" },
	{ "省市场监管局", "山东省市场监督管理局" },
	{ "省体育局", "山东省体育局" },
	{ "省统计局", "山东省统计局" },
	{ "省医保局", "山东省医疗保障局" },
	{ "省地方金融监管局", "山东省地方金融监督管理局" },
	{ "省大数据局", "山东省大数据局" },
	{ "省能源局", "山东省能源局" },
	{ "省粮食和储备局", "山东省粮食和物资储备局" },
	{ "省林业局", "山东省林业局" },
	{ "省畜牧局", "山东省畜牧兽医局" },
	{ "省药监局", "山东省药品监督管理局" },
	{ "省信访局", "山东省信访局" },
	{ "省机关事务局", "山东省机关事务管理局" },
	{ "省海洋局", "山东省海洋局" },
	{ "省通信管理局", "山东省通信管理局" },
	{ "省税务局", "国家税务总局山东省税务局" },
	{ "人民银行济南分行", "中国人民银行济南分行" },
	{ "山东银保监局", "中国银行保险监督管理委员会山东监管局" },
	{ "省委编办", "中共山东省委机构编制委员会办公室" },
	{ "省委宣传部", "中共山东省委宣传部" },
	{ "省委网信办", "中共山东省委网络安全和信息化委员会办公室" },
	{ "省总工会", "山东省总工会" },
	{ "团省委", "共青团山东省委员会" },
	{ "省妇联", "山东省妇女联合会" },
	{ "省残联", "山东省残疾人联合会" },
	{ "省消防救援总队", "山东省消防救援总队" },
	{ "国网山东省电力公司", "国网山东省电力公司" },
	{ "省文物局", "山东省文物局" },
};

static const char *const surnames[10] = {
	"wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu",
};
static const char *const given[5] = { "wei", "fang", "min", "jing", "lei" };


static const char *const verbs[] = {
	"加快推进", "深入实施", "持续推动", "全面提升", "统筹推进", "稳步推进", "大力发展", "积极培育",
	"着力构建", "健全完善", "加强", "优化", "推动", "完善", "建立健全", "扎实推进", "有序推进",
	"探索开展", "组织实施", "支持", "全面推行", "高标准建设", "系统谋划", "分类推进",
};
static const char *const areas[] = {
	"城镇", "县城", "中心城市", "都市圈", "小城镇", "城市群", "特色小镇", "城乡", "省会经济圈",
	"胶东经济圈", "鲁南经济圈", "黄河流域", "沿海城市", "老城区", "开发区", "重点镇", "城市新区",
	"", "", "", "",
};
static const char *const objects[] = {
	"老旧小区改造", "市政基础设施建设", "地下综合管廊", "海绵城市建设", "公共服务设施",
	"保障性租赁住房", "城市更新行动", "户籍制度改革", "基本公共服务均等化", "新型基础设施",
	"智慧社区", "城市生命线工程", "污水管网改造", "生活垃圾分类", "绿色建筑", "历史文化街区保护",
	"公共交通体系", "产业园区", "数字政府", "防洪排涝能力", "城市燃气管道更新", "充电基础设施",
	"社区嵌入式服务设施", "职业技能培训", "随迁子女入学", "居住证制度", "城乡融合发展",
	"县域商业体系", "农村人居环境整治", "土地节约集约利用", "5G网络覆盖", "城市体检评估",
	"韧性城市建设", "无障碍环境建设", "城市绿道网络", "农业转移人口市民化", "供热管网改造",
	"城市停车设施", "养老托育服务", "文化惠民工程",
};
static const char *const suffixes[] = {
	"试点示范", "工作", "三年行动", "专项行动", "体制机制", "能力建设", "长效机制", "标准体系",
	"质量提升", "攻坚行动", "全覆盖", "提质增效", "", "", "",
};
static const char *const goals[] = {
	"取得明显成效", "覆盖率达到90%以上", "形成一批可复制可推广的经验", "基本实现全覆盖",
	"群众满意度明显提升", "年度目标全面完成", "体制机制更加完善", "服务能力显著增强",
};
static const char *const progress_notes[] = {
	"按计划推进", "资金已到位，开工建设", "完成阶段性目标", "已召开专题推进会",
	"完成项目招标", "正在组织验收", "已报送进展情况", "协调解决用地问题",
};
static const char *const block_notes[] = {
	"受征地拆迁影响，进度滞后", "资金缺口较大，暂缓实施", "待上级部门批复", "跨部门协调未完成",
};
static const char *const prep_notes[] = { "正在开展前期调研", "已制定工作方案", "待资金下达后启动" };
static const char *const cancel_notes[] = { "项目调整，不再实施", "已并入其他任务统筹推进" };
const char *const bench_milestone_targets[8] = {
	"完成年度建设任务", "形成示范项目", "出台实施方案", "完成中期评估", "实现全覆盖",
	"建立工作机制", "完成总体目标", "完成试点验收",
};

/* ---- hashing ------------------------------------------------------------------ */

static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* A random number for (task, purpose, k) under seed. */
uint64_t
bench_h(uint64_t seed, long long task, int purpose, int k)
{
	return mix(seed ^ mix((uint64_t)task * 0x100000001b3ULL ^ ((uint64_t)purpose << 48) ^ (uint64_t)k));
}

int
bench_pick(uint64_t r, int n)
{
	return (int)(r % (uint64_t)n);
}

/* ---- plan layout --------------------------------------------------------------- */

/* Tasks are spread evenly over the sections in plan order: task index i
 * (0-based) is in section i * N_SECTIONS / n. */
int
bench_task_section(long long n, long long i)
{
	return (int)(i * (long long)N_SECTIONS / n);
}

static long long
section_first(long long n, int sec)
{
	return ((long long)sec * n + (long long)N_SECTIONS - 1) / (long long)N_SECTIONS;
}

char *
store_bench_task_code(long long n, long long pos)
{
	int sec = bench_task_section(n, pos - 1);
	return xasprintf("%d.%d.%lld", sec / SECTIONS_PER_CHAPTER + 1, sec % SECTIONS_PER_CHAPTER + 1,
	                 pos - 1 - section_first(n, sec) + 1);
}

const char *
store_bench_dept(int i)
{
	return i >= 0 && i < STORE_BENCH_DEPTS ? bench_depts[i][0] : NULL;
}

/* The three tasks whose titles carry the needle. */
static bool
is_needle(long long n, long long i)
{
	return i == n / 5 || i == n / 2 || i == n * 4 / 5;
}

/* ---- text ---------------------------------------------------------------------- */


static int
utf8_chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Append t when the result stays within max characters. */
static bool
buf_add(struct buf *b, const char *t, int max)
{
	int c = utf8_chars(t);
	size_t l = strlen(t);
	if (b->chars + c > max || b->len + l >= sizeof b->s)
		return false;
	memcpy(b->s + b->len, t, l + 1);
	b->len += l;
	b->chars += c;
	return true;
}

/* A title of 10-40 characters: verb, area, object, suffix, and sometimes a
 * second clause. */
void
bench_make_title(struct buf *b, uint64_t seed, long long n, long long i)
{
	*b = (struct buf){ .len = 0 };
	uint64_t r = bench_h(seed, i, H_TITLE, 0);
	buf_add(b, verbs[bench_pick(r, COUNT(verbs))], 40);
	buf_add(b, areas[bench_pick(r >> 8, COUNT(areas))], 40);
	if (is_needle(n, i))
		buf_add(b, STORE_BENCH_NEEDLE, 40);
	buf_add(b, objects[bench_pick(r >> 16, COUNT(objects))], 40);
	buf_add(b, suffixes[bench_pick(r >> 24, COUNT(suffixes))], 40);
	for (int k = 1; b->chars < 10 || (k < 4 && bench_pick(r >> (28 + 4 * k), 3) == 0); k++) {
		uint64_t q = bench_h(seed, i, H_TITLE, k);
		struct buf save = *b;
		if (!buf_add(b, "，", 40) || !buf_add(b, verbs[bench_pick(q, COUNT(verbs))], 40) ||
		    !buf_add(b, objects[bench_pick(q >> 8, COUNT(objects))], 40)) {
			*b = save;
			if (b->chars >= 10)
				break;
			buf_add(b, "工作", 40);
		}
	}
}

void
bench_make_description(struct buf *b, uint64_t seed, long long i, int doc)
{
	*b = (struct buf){ .len = 0 };
	uint64_t r = bench_h(seed, i, H_DESC, 0);
	char head[64];
	snprintf(head, sizeof head, "按照%s新型城镇化规划部署，", bench_provinces[doc]);
	buf_add(b, head, 200);
	buf_add(b, verbs[bench_pick(r, COUNT(verbs))], 200);
	buf_add(b, areas[bench_pick(r >> 8, COUNT(areas))], 200);
	buf_add(b, objects[bench_pick(r >> 16, COUNT(objects))], 200);
	buf_add(b, "，到", 200);
	buf_add(b, bench_pick(r >> 24, 3) ? "2023年" : "2025年", 200);
	buf_add(b, goals[bench_pick(r >> 32, COUNT(goals))], 200);
	buf_add(b, "。", 200);
}

/* ---- dates --------------------------------------------------------------------- */

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void
civil(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long yy = (long long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* Events happen between 2021-03-01 and 2025-06-30 (seconds from 2021-01-01). */

void
bench_fmt_date(char out[16], long long day)
{
	int y, m, d;
	civil(day, &y, &m, &d);
	snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

void
bench_fmt_time(char out[32], uint32_t secs)
{
	int y, m, d;
	long long t = (long long)secs;
	civil(DAY_2021_01_01 + t / 86400, &y, &m, &d);
	t %= 86400;
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, m % 100, d % 100,
	         (int)(t / 3600), (int)(t / 60 % 60), (int)(t % 60));
}

/* ---- a task's history -------------------------------------------------------- */

const char *const bench_status_keys[5] = { "not_started", "in_progress", "done", "blocked", "cancelled" };

/* The final status, and the number of updates that led to it. */
void
bench_task_fate(uint64_t seed, long long i, int *status, int *events)
{
	uint64_t r = bench_h(seed, i, H_STATUS, 0);
	int p = bench_pick(r, 100);
	*status = p < 20 ? ST_NOT_STARTED : p < 62 ? ST_IN_PROGRESS : p < 87 ? ST_DONE : p < 95 ? ST_BLOCKED : ST_CANCELLED;
	int k = 1 + bench_pick(r >> 8, 4);                 /* 1-4 updates */
	if (*status == ST_NOT_STARTED)
		k = bench_pick(r >> 16, 3) == 0;               /* a note, sometimes */
	else if (*status != ST_IN_PROGRESS && k < 2)
		k = 2;                                   /* started, then finished */
	*events = k;
}

/* The state after update j (0: as planned). */
void
bench_task_state(uint64_t seed, long long i, int j, int *status, int *progress)
{
	int fs, k;
	bench_task_fate(seed, i, &fs, &k);
	uint64_t r = bench_h(seed, i, H_STATUS, 1);
	int final_progress = fs == ST_DONE ? 100 : fs == ST_NOT_STARTED ? 0 : 10 + bench_pick(r, 9) * 10;
	if (j == 0 || fs == ST_NOT_STARTED) {
		*status = ST_NOT_STARTED;
		*progress = 0;
		return;
	}
	if (j < k || fs == ST_IN_PROGRESS) {
		*status = ST_IN_PROGRESS;
		int top = fs == ST_IN_PROGRESS ? final_progress : fs == ST_DONE ? 90 : final_progress;
		int steps = fs == ST_IN_PROGRESS ? k : k - 1;
		*progress = top * j / steps / 5 * 5;
		if (j == steps)
			*progress = top;
		return;
	}
	*status = fs;
	bench_task_state(seed, i, j - 1, status, progress);
	*status = fs;
	if (fs == ST_DONE)
		*progress = 100;
}


int
bench_event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->task != y->task)
		return x->task < y->task ? -1 : 1;
	return (int)x->j - (int)y->j;
}

/* Times of a task's k updates, increasing. */
void
bench_event_times(uint64_t seed, long long i, int k, uint32_t *at)
{
	uint64_t span = (uint64_t)EVENT_SPAN / (uint64_t)(k ? k : 1);
	for (int j = 0; j < k; j++)
		at[j] = (uint32_t)(EVENT_FROM + (long long)span * j + (long long)(bench_h(seed, i, H_EVENT_TIME, j) % span));
}

/* The login of department d's editor (d < 50) or of an administrator. */
void
bench_user_name(char out[32], int u)
{
	if (u < STORE_BENCH_DEPTS)
		snprintf(out, 32, "%s%s%d", surnames[u % 10], given[u / 10], u + 1);
	else
		snprintf(out, 32, "admin%d", u - STORE_BENCH_DEPTS + 1);
}

int
bench_task_lead(uint64_t seed, long long i)
{
	/* Skewed a little, as real plans are: the first departments lead more. */
	uint64_t r = bench_h(seed, i, H_LEAD, 0);
	int a = bench_pick(r, STORE_BENCH_DEPTS), b = bench_pick(r >> 16, STORE_BENCH_DEPTS);
	return bench_pick(r >> 32, 4) == 0 && b < a ? b : a;
}

/* Who made update j: the lead's editor, now and then an administrator. */
int
bench_event_user(uint64_t seed, long long i, int j)
{
	uint64_t r = bench_h(seed, i, H_WHO, j);
	return bench_pick(r, 10) == 0 ? STORE_BENCH_DEPTS + bench_pick(r >> 8, N_ADMINS) : bench_task_lead(seed, i);
}

const char *
bench_event_note(uint64_t seed, long long i, int j, int status)
{
	uint64_t r = bench_h(seed, i, H_NOTE, j);
	if (status == ST_BLOCKED)
		return block_notes[bench_pick(r, COUNT(block_notes))];
	if (status == ST_CANCELLED)
		return cancel_notes[bench_pick(r, COUNT(cancel_notes))];
	if (status == ST_NOT_STARTED)       /* an update that changes nothing else carries a note */
		return prep_notes[bench_pick(r, COUNT(prep_notes))];
	return bench_pick(r >> 8, 3) == 0 ? "" : progress_notes[bench_pick(r >> 16, COUNT(progress_notes))];
}

