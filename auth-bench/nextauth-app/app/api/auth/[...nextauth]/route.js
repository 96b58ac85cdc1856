// The shape of OpenML's app-next route (docs: shared/reference/openml-current-system.md §3):
// GitHub, Google and a credentials provider, JWT sessions of 2 h, the jwt and session callbacks.
// No database: the bench only starts it and reads sessions minted with the same secret.
import NextAuth from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";

const handler = NextAuth({
  providers: [
    GitHubProvider({ clientId: process.env.GITHUB_ID || "x", clientSecret: process.env.GITHUB_SECRET || "x" }),
    GoogleProvider({ clientId: process.env.GOOGLE_ID || "x", clientSecret: process.env.GOOGLE_SECRET || "x" }),
    CredentialsProvider({
      id: "credentials",
      name: "OpenML Account",
      credentials: { email: { label: "Email or Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize() {
        return null;
      },
    }),
  ],
  session: { strategy: "jwt", maxAge: 2 * 60 * 60 },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.username = user.username;
        token.apikey = user.session_hash;
        token.isLocalUser = true;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { ...session.user, id: token.userId, username: token.username, firstName: token.firstName,
        lastName: token.lastName, image: token.picture, isLocalUser: token.isLocalUser };
      session.apikey = token.apikey;
      return session;
    },
  },
});

export { handler as GET, handler as POST };
