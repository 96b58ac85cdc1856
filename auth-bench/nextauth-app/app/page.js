export default function Home() {
  return <p>next-auth comparison app for auth-bench</p>;
}
