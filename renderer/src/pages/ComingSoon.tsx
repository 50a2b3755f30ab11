export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <section className="coming-soon" data-testid="coming-soon">
      <h1>{title}</h1>
      <p className="muted">此功能正在建设中，尚未开放。</p>
      <p>建成后可以：{description}</p>
    </section>
  );
}
