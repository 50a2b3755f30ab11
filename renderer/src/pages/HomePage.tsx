// 首页: the county at a glance for a month (issue 11) — the same figures as `workbench summary` and the
// reports, from the engine's reports.summary. Managers and administrators land here; a clerk sees the same
// page for their own townships, with what is left to do there. Charts per township (ECharts): completion
// rate, posts filled and vacant, money the bank confirmed each month; clicking a township filters the page to it.
import { useEffect, useMemo, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { call } from '../api';
import { useSessionUser } from '../session';
import { formatYuan } from '../../../shared/domain/money';
import { formatRate } from '../../../shared/domain/employment';
import type { WorkbenchSummary } from '../../../shared/contract/reports';
import { MonthField } from '../components/DateField';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

type Township = WorkbenchSummary['townships'][number];

/** One ECharts chart; a click on a category (township) calls onPick with its index. */
function Chart({ option, onPick, testId }: { option: EChartsCoreOption; onPick?(index: number): void; testId: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event) => { if (typeof event.dataIndex === 'number') pick.current?.(event.dataIndex); });
    // Drawn to the end of its entry animation: what a test waits for before a screenshot, instead of a sleep.
    instance.on('finished', () => element.current?.setAttribute('data-drawn', 'true'));
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); instance.dispose(); };
  }, []);
  useEffect(() => { element.current?.removeAttribute('data-drawn'); chart.current?.setOption(option, true); }, [option]);
  return <div className="chart" ref={element} data-testid={testId} />;
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="figure-card" data-testid={testId}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
      {note && <div className="figure-note">{note}</div>}
    </div>
  );
}

const n = (value: number | null) => (value === null ? '—' : value.toLocaleString('zh-CN'));
const AXIS = { axisLabel: { interval: 0, rotate: 30, fontSize: 11 } };

export function HomePage({ onMonth }: { onMonth?(month: string): void }) {
  const user = useSessionUser();
  const [month, setMonth] = useState<string | null>(null);
  const [summary, setSummary] = useState<WorkbenchSummary | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('reports.summary', month ? { month } : {})
      .then((s) => { if (!live) return; setSummary(s); setError(null); if (!month) setMonth(s.month); onMonth?.(s.month); })
      .catch((e: Error) => { if (live) setError(e.message); });
    return () => { live = false; };
  }, [month, onMonth]);

  const townships = summary?.townships ?? [];
  const focus: Township | null = townships.find((t) => t.code === picked) ?? null;
  const clerk = user.role === 'clerk';

  const charts = useMemo(() => {
    const names = townships.map((t) => t.name);
    const colour = (t: Township, base: string) => (picked && t.code !== picked ? '#c5d3e0' : base);
    const months = townships[0]?.monthly.map((m) => m.month.slice(5) + '月') ?? [];
    const shown = focus ? [focus] : townships;
    return {
      completion: {
        tooltip: { trigger: 'axis' }, grid: { left: 48, right: 16, top: 28, bottom: 64 },
        xAxis: { type: 'category', data: names, ...AXIS }, yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        series: [{
          type: 'bar', name: '完成率',
          data: townships.map((t) => ({ value: t.rate === null ? 0 : t.rate / 100, itemStyle: { color: colour(t, (t.rate ?? 0) >= 10000 ? '#2e8b57' : '#d08c1a') } })),
          markLine: { symbol: 'none', data: [{ yAxis: 100 }], lineStyle: { color: '#a61b1b', type: 'dashed' }, label: { formatter: '目标', position: 'insideEndTop' } },
        }],
      },
      posts: {
        tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 48, right: 16, top: 28, bottom: 64 },
        xAxis: { type: 'category', data: names, ...AXIS }, yAxis: { type: 'value' },
        series: [
          { type: 'bar', stack: 'posts', name: '在岗', itemStyle: { color: '#2a6fb0' }, data: townships.map((t) => ({ value: t.filled, itemStyle: { color: colour(t, '#2a6fb0') } })) },
          { type: 'bar', stack: 'posts', name: '空岗', itemStyle: { color: '#e07b39' }, data: townships.map((t) => ({ value: t.vacant, itemStyle: { color: colour(t, '#e07b39') } })) },
        ],
      },
      payroll: {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '未报送银行' : `${formatYuan(Math.round(Number(v) * 100))} 元`) },
        legend: { type: 'scroll', top: 0 }, grid: { left: 72, right: 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: months }, yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${(v / 10000).toFixed(0)}万` } },
        series: shown.map((t) => ({ type: 'line', name: t.name, connectNulls: false, data: t.monthly.map((m) => (m.confirmedFen === null ? null : m.confirmedFen / 100)) })),
      },
    } satisfies Record<string, EChartsCoreOption>;
  }, [townships, picked, focus]);

  const pickIndex = (index: number) => {
    const code = townships[index]?.code ?? null;
    setPicked((current) => (current === code ? null : code));
  };

  if (error) return <section className="home-page"><h1>首页</h1><div className="banner error" role="alert">{error}</div></section>;
  if (!summary) return <section className="home-page"><h1>首页</h1><div className="loading">正在汇总…</div></section>;

  // The figures of the county, or of the township clicked.
  const f = focus
    ? {
      planned: focus.planned, developed: focus.developed, filled: focus.filled, vacant: focus.vacant,
      people: focus.people, netFen: focus.netFen, transferFen: focus.transferFen, confirmedPeople: focus.confirmedPeople, confirmedFen: focus.confirmedFen,
      awaitingFen: focus.awaitingFen, failedFen: focus.failedFen, unsentFen: focus.unsentFen, yearConfirmedFen: focus.yearConfirmedFen,
      labourers: focus.labourers, employed: focus.employed, target: focus.target, rate: focus.rate, anomalies: focus.anomalies, toApprove: focus.toApprove,
    }
    : {
      ...summary.posts, ...summary.payroll, labourers: summary.employment.labourers, employed: summary.employment.employed,
      target: summary.employment.target, rate: summary.employment.rate, anomalies: summary.anomalies, toApprove: summary.toApprove,
    };
  const scopeName = focus ? focus.name : clerk ? townships.map((t) => t.name).join('、') : '全县';

  return (
    <section className="home-page" data-testid="home-page">
      <div className="toolbar">
        <h1>{clerk ? `本乡镇工作：${scopeName}` : '首页'}</h1>
        <label>月份 <MonthField value={month ?? ''} onChange={(v) => { if (v) setMonth(v); }} testId="home-month" /></label>
        {focus && <button className="secondary" onClick={() => setPicked(null)} data-testid="home-clear">显示全县</button>}
        <span className="muted" data-testid="home-scope">当前：{scopeName}</span>
      </div>
      {!summary.employment.hasLedger && <div className="banner warning">{summary.month.slice(0, 4)}年尚未录入就业台账，就业数字只含公益岗位上岗人员。</div>}
      <div className="figures">
        <Figure testId="fig-posts" label="公益岗位 计划 / 已开发" value={`${n(f.planned)} / ${n(f.developed)}`} note={`在岗 ${n(f.filled)}，空岗 ${n(f.vacant)}`} />
        <Figure testId="fig-paid" label="本月银行确认发放" value={`${formatYuan(f.confirmedFen)} 元`} note={`${n(f.confirmedPeople)} 人；本月实发 ${formatYuan(f.netFen)} 元`} />
        <Figure testId="fig-bank" label="未回盘 / 发放失败" value={`${formatYuan(f.awaitingFen)} / ${formatYuan(f.failedFen)}`} note={`未发送及暂缓 ${formatYuan(f.unsentFen)} 元`} />
        <Figure testId="fig-year" label="本年累计银行确认发放" value={`${formatYuan(f.yearConfirmedFen)} 元`} note="只计银行回盘确认的金额" />
        <Figure testId="fig-employment" label="已就业 / 目标任务" value={`${n(f.employed)} / ${n(f.target)}`} note={`完成率 ${formatRate(f.rate)}；脱贫劳动力 ${n(f.labourers)}`} />
        {!focus && <Figure testId="fig-services" label="“131”服务到位" value={`${n(summary.services.complete)} / ${n(summary.services.targets)}`} note={`到位率 ${formatRate(summary.services.rate)}`} />}
        {!focus && <Figure testId="fig-training" label="技能培训" value={`${n(summary.training.sessions)} 期`} note={`${n(summary.training.trainees)} 人参训`} />}
        <Figure testId="fig-todo" label="待处理" value={`${n(f.anomalies)} 条异常`} note={`${n(f.toApprove)} 个乡镇月份待审核`} />
      </div>
      <div className="charts">
        <div className="chart-box"><h2>就业目标完成率（点击乡镇筛选）</h2><Chart testId="chart-completion" option={charts.completion} onPick={pickIndex} /></div>
        <div className="chart-box"><h2>公益岗位在岗与空岗</h2><Chart testId="chart-posts" option={charts.posts} onPick={pickIndex} /></div>
        <div className="chart-box wide"><h2>每月银行确认发放{focus ? `：${focus.name}` : '（各乡镇，未报送银行的月份不显示）'}</h2><Chart testId="chart-payroll" option={charts.payroll} /></div>
      </div>
      {clerk && (
        <table className="plain-table todo-table" data-testid="clerk-todo">
          <thead><tr><th>乡镇</th><th>{summary.month}考勤状态</th><th>本月异常</th><th>待审核月份</th></tr></thead>
          <tbody>{townships.map((t) => <tr key={t.code}><td>{t.name}</td><td>{t.status}</td><td className="num">{t.anomalies}</td><td className="num">{t.toApprove}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
